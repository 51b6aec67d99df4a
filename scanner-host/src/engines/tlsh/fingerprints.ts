/** fingerprintsOf: the TLSH fingerprints of a message: its normalised body and its larger attachments. */
import type { ParsedMessage } from '../../message/parsed-message.ts'
import type { ReportedFingerprint } from '../../state/fingerprint-store.ts'
import { tlshHash } from '../../tlsh/index.ts'
import type { Deadline } from '../engine.ts'
import { bandKeys } from './bands.ts'
import type { TlshConfig } from './config.ts'
import { normaliseBody } from './normalise-body.ts'

export type MessageFingerprint = ReportedFingerprint

/**
 * Body first, then attachments in order. Parts too short or too uniform for TLSH (under 50 bytes,
 * or too few distinct byte triplets) have no fingerprint and are left out.
 */
export function fingerprintsOf(message: ParsedMessage, config: TlshConfig): MessageFingerprint[] {
  return fingerprintsWithin(message, config).prints
}

/** As fingerprintsOf, stopping before the next attachment once `deadline` passed (`complete` says whether it did). */
export function fingerprintsWithin(
  message: ParsedMessage,
  config: TlshConfig,
  deadline?: Deadline,
): { prints: MessageFingerprint[]; complete: boolean } {
  const prints: MessageFingerprint[] = []
  const body = tlshHash(Buffer.from(normaliseBody(message, config.maxBodyChars), 'utf8'))
  if (body) prints.push({ digest: body, kind: 'body', label: 'body', bandKeys: bandKeys(body) })
  for (const attachment of message.attachments.slice(0, config.maxAttachments)) {
    if (deadline?.passed()) return { prints, complete: false }
    if (attachment.content.length < config.minAttachmentBytes) continue
    const digest = tlshHash(attachment.content.subarray(0, config.maxAttachmentBytes))
    if (!digest) continue
    const label = attachment.filename ?? attachment.declaredType
    prints.push({ digest, kind: 'attachment', label, bandKeys: bandKeys(digest) })
  }
  return { prints, complete: true }
}
