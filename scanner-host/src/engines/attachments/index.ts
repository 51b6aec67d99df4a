/** attachments engine: risky file types, disguised names, type mismatches, archives and Office macros. */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Finding } from '@moat/contract'
import { defineEngine, ok, type EngineOutcome } from '../engine.ts'
import type { Attachment } from '../../message/parsed-message.ts'
import type { Inflation } from './archive.ts'
import { AttachmentsConfigSchema, type AttachmentsConfig } from './config.ts'
import { displayName } from './filename.ts'
import { inspectFile } from './inspect.ts'
import { AttachmentReport } from './report.ts'
import { extensionCategories, newBudget, type Scope } from './scope.ts'

export { AttachmentsConfigSchema, type AttachmentsConfig } from './config.ts'

/**
 * Bytes inflated per message, as a multiple of limits.maxNestedArchiveBytes: a few nested archives
 * of the largest size opened, which ordinary mail seldom reaches (an Office document inflates to a
 * few MB); past it, archives are reported unread (ATTACH_ARCHIVE_UNREAD), not skipped. Derived
 * rather than a limit of its own so that lowering the nested limit lowers both.
 */
const INFLATION_PER_NESTED_LIMIT = 4

const timeout = (): EngineOutcome => ({
  status: 'error',
  errorCode: 'Timeout',
  why: 'deadline passed while reading attachments',
})

export const attachmentsEngine = defineEngine<AttachmentsConfig>({
  name: 'attachments',
  description: 'Attachments: programs, scripts, shortcuts, disk images, web pages, macros, disguised names, archives.',
  configSchema: AttachmentsConfigSchema,
  async scan(message, ctx) {
    const categoryOf = extensionCategories(ctx.config)
    const inflation: Inflation = { spent: 0, limit: ctx.limits.maxNestedArchiveBytes * INFLATION_PER_NESTED_LIMIT }
    const findings: Finding[] = []
    for (const [index, attachment] of message.attachments.entries()) {
      // The work per attachment is synchronous; yielding between them lets other engines run.
      if (index > 0) await yieldToLoop()
      if (ctx.deadline.passed()) return timeout()
      const scope: Scope = {
        report: new AttachmentReport(baseEvidence(attachment)),
        attachment: nameOf(attachment),
        config: ctx.config,
        limits: ctx.limits,
        deadline: ctx.deadline,
        inflation,
        truncated: attachment.truncated,
        budget: newBudget(),
        categoryOf,
      }
      inspectAttachment(attachment, scope)
      findings.push(...scope.report.findings())
    }
    // Work cut short by the deadline left findings out: they must not pass for a complete answer.
    if (ctx.deadline.passed()) return timeout()
    return ok(findings)
  },
})

function inspectAttachment(attachment: Attachment, scope: Scope): void {
  // An attached message is read by the parser as its own parts; its raw bytes are not a file type.
  const content = attachment.isMessage ? null : attachment.content
  inspectFile(
    {
      path: scope.attachment,
      name: attachment.filename,
      declaredType: attachment.declaredType,
      head: content,
      complete: !attachment.truncated,
      depth: 0,
      open: () => (content ? { ok: true, bytes: content } : { ok: false, why: 'unsupported' }),
    },
    scope,
  )
}

function nameOf(attachment: Attachment): string {
  if (attachment.filename) return displayName(attachment.filename)
  return attachment.partId ? `(unnamed part ${attachment.partId})` : '(unnamed)'
}

function baseEvidence(attachment: Attachment) {
  return {
    filename: attachment.filename ? displayName(attachment.filename) : '',
    declaredType: attachment.declaredType,
    sizeBytes: attachment.size,
  }
}
