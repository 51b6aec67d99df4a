/** The parts the rules read: raw message, decoded bodies, every attachment, and the parts of attached messages. */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Deadline } from '../engine.ts'
import type { Limits } from '../../limits.ts'
import { parseMessage } from '../../message/parse-message.ts'
import type { Attachment, ParsedMessage } from '../../message/parsed-message.ts'

export interface ScanPart {
  /** What a mailbox owner would call it: `invoice.html`, `HTML body`, `fwd.eml > report.iso`. */
  label: string
  data: Buffer
}

/**
 * Attached messages opened, one inside another. A forward of a forward is ordinary; deeper nesting
 * only multiplies work, and the attached message's own bytes are still scanned as an attachment.
 */
const MAX_MESSAGE_NESTING = 2

export interface PartsContext {
  limits: Limits
  deadline: Deadline
}

/**
 * Parts one at a time, so the caller can stop at its deadline between them. The raw message holds
 * bodies and attachments transfer-encoded (base64, quoted-printable); the decoded copies are what
 * content rules can read.
 */
export async function* scanParts(message: ParsedMessage, ctx: PartsContext): AsyncGenerator<ScanPart> {
  yield { label: 'message source', data: message.raw }
  yield* decodedParts(message, ctx, '', 0)
}

async function* decodedParts(
  message: ParsedMessage,
  ctx: PartsContext,
  prefix: string,
  depth: number,
): AsyncGenerator<ScanPart> {
  if (message.html) yield { label: `${prefix}HTML body`, data: Buffer.from(message.html) }
  if (message.text) yield { label: `${prefix}text body`, data: Buffer.from(message.text) }
  for (const [index, attachment] of message.attachments.entries()) {
    const label = `${prefix}${attachmentName(attachment, index)}`
    yield { label, data: attachment.content }
    if (!attachment.isMessage || depth >= MAX_MESSAGE_NESTING || ctx.deadline.passed()) continue
    await yieldToLoop()
    // The inner parse gets what is left of the engine's time, not the parser's own (longer) budget.
    const remainingMs = Math.max(1, Math.floor(ctx.deadline.at - performance.now()))
    const inner = await parseMessage(attachment.content, {
      ...ctx.limits,
      maxParseMs: Math.min(ctx.limits.maxParseMs, remainingMs),
    })
    yield* decodedParts(inner, ctx, `${label} > `, depth + 1)
  }
}

function attachmentName(attachment: Attachment, index: number): string {
  if (attachment.filename) return attachment.filename
  return `unnamed attachment (part ${attachment.partId ?? index + 1})`
}
