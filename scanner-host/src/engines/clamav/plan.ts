/** planScan: which bytes of a message go to clamd, and which cannot (too large, too many) and must be reported. */
import type { ParsedMessage } from '../../message/parsed-message.ts'
import type { ClamavConfig } from './config.ts'
import { formatSize } from './sizes.ts'

/** Where a detection was made, as evidence shows it: `raw message` or `attachment invoice.zip`. */
export type PartLabel = 'raw message' | `attachment ${string}`

export interface ScanPart {
  label: PartLabel
  data: Buffer
}

export interface UnscannedPart {
  label: PartLabel
  sizeBytes: number
  /** What follows the part's name in a sentence: `is 30.0 MB, more than the 25.0 MB sent to ClamAV`. */
  why: string
}

export interface ScanPlan {
  parts: ScanPart[]
  unscanned: UnscannedPart[]
}

/**
 * The raw message always goes first: clamd decodes its MIME parts, attached messages and
 * uuencoded bodies itself. Each decoded attachment goes too (see `scanAttachments`). A part that
 * cannot be sent is reported unless the raw message, sent in full, already covers it.
 */
export function planScan(message: ParsedMessage, config: ClamavConfig): ScanPlan {
  const plan: ScanPlan = { parts: [], unscanned: [] }
  const max = config.maxStreamBytes
  const rawCovers = message.raw.length <= max
  if (rawCovers) plan.parts.push({ label: 'raw message', data: message.raw })
  else
    plan.unscanned.push({ label: 'raw message', sizeBytes: message.raw.length, why: tooLarge(message.raw.length, max) })
  if (!config.scanAttachments) return plan

  message.attachments.forEach((attachment, index) => {
    if (attachment.content.length === 0) return
    const label: PartLabel = `attachment ${displayName(attachment.filename ?? attachment.partId ?? '(unnamed)')}`
    const notSent = (why: string) => {
      if (!rawCovers) plan.unscanned.push({ label, sizeBytes: attachment.size, why })
    }
    if (index >= config.maxAttachments) {
      notSent(`was not sent: the message has more than ${config.maxAttachments} attachments, the most sent one by one`)
      return
    }
    if (attachment.content.length > max) {
      notSent(tooLarge(attachment.content.length, max))
      return
    }
    plan.parts.push({ label, data: attachment.content })
    // Only the head was kept (limits.maxAttachmentBytes): it is sent, but is not the whole file.
    if (attachment.truncated) notSent(`was read only up to its first ${formatSize(attachment.content.length)}`)
  })
  return plan
}

/** File names come from the sender: control characters and great lengths must not reach a finding's text. */
function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
  return clean.length > MAX_NAME ? `${clean.slice(0, MAX_NAME - 1)}…` : clean
}

const MAX_NAME = 120

function tooLarge(size: number, max: number): string {
  return `is ${formatSize(size)}, more than the ${formatSize(max)} sent to ClamAV`
}
