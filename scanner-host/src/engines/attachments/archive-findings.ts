/** Findings about an archive as a whole: bombs, and content left unread, which must never pass for clean. */
import type { EvidenceValue } from '@moat/contract'
import type { Opened } from './archive.ts'
import type { Scope } from './scope.ts'
import * as say from './sentences.ts'

/** Why an archive's files were not read: cut to maxAttachmentBytes, too large, a form not read, budget spent. */
export type UnreadWhy = 'cut' | 'too large' | 'unsupported' | 'budget spent' | 'too many entries to check'

/** Reports a bomb and stops the opening of further nested archives of the attachment. */
export function bomb(scope: Scope, path: string, reason: string, evidence: Record<string, EvidenceValue>): void {
  scope.budget.bombed = true
  scope.report.add({ code: 'ATTACH_ARCHIVE_BOMB', path, text: say.bombSentence(scope.attachment, reason), evidence })
}

/** `reason` completes "The files inside … could not be checked: …" for the mailbox owner. */
export function unread(
  scope: Scope,
  path: string,
  why: UnreadWhy,
  reason: string,
  evidence: Record<string, EvidenceValue> = {},
): void {
  scope.report.add({
    code: 'ATTACH_ARCHIVE_UNREAD',
    path,
    text: say.unreadSentence(scope.attachment, path, reason),
    evidence: { why, ...evidence },
  })
}

/** Says why a nested archive (or an attachment's content) could not be opened, when that matters. */
export function reportUnopened(path: string, opened: Exclude<Opened, { ok: true }>, scope: Scope): void {
  const { limits } = scope
  switch (opened.why) {
    case 'exceeds-claim':
      return bomb(scope, path, `a file in it expands to more than the ${opened.limit} bytes it claims`, {
        reasons: ['expands beyond its claimed size'],
        claimedBytes: opened.limit,
      })
    case 'too-large':
      return unread(
        scope,
        path,
        'too large',
        `it is larger than the ${say.sizeText(limits.maxNestedArchiveBytes)} the scanner unpacks`,
        { limitBytes: limits.maxNestedArchiveBytes },
      )
    case 'spent':
      return unread(
        scope,
        path,
        'budget spent',
        'the message holds more compressed content than the scanner unpacks for one message',
        { limitBytes: scope.inflation.limit },
      )
    case 'damaged':
      // Damage in an attachment the scanner itself cut short is the cut, reported as such.
      if (scope.truncated) return
      return scope.report.add({
        code: 'ATTACH_ARCHIVE_CORRUPT',
        path,
        text: say.corruptSentence(scope.attachment, path, opened.detail),
        evidence: { reason: opened.detail },
      })
    case 'unsupported':
      // Encrypted entries are reported as such; RAR entries and rare zip methods are listed by name only.
      return
  }
}
