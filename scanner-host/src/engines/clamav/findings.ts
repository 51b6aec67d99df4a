/** The clamav engine's findings: known malware, suspicious content, and parts ClamAV could not check. */
import type { Finding } from '@moat/contract'
import type { PartLabel, UnscannedPart } from './plan.ts'
import { isSuspicionOnly } from './reply.ts'

export interface Detection {
  signature: string
  label: PartLabel
  sizeBytes: number
}

/**
 * One finding per signature, however many parts it was found in: clamd sees an attachment both
 * in the raw message and on its own, and the same file twice must not score twice. The part
 * named is the most precise one (an attachment before the raw message).
 */
export function detectionFindings(detections: readonly Detection[]): Finding[] {
  const bySignature = new Map<string, Detection[]>()
  for (const d of detections) bySignature.set(d.signature, [...(bySignature.get(d.signature) ?? []), d])
  return [...bySignature.values()].map((found) => {
    const first = found.find((d) => d.label !== 'raw message') ?? found[0]!
    const signature = first.signature.slice(0, 200)
    const where = describePart(first.label)
    const suspicion = isSuspicionOnly(first.signature)
    return {
      code: suspicion ? 'CLAMAV_SUSPICIOUS' : 'CLAMAV_MALWARE',
      severity: suspicion ? 'high' : 'critical',
      text: suspicion
        ? `ClamAV flags ${where} as suspicious (${signature}); this is a heuristic or an unwanted program, not a known virus.`.slice(
            0,
            500,
          )
        : `${capitalize(where)} contains malware that ClamAV knows as ${signature}.`.slice(0, 500),
      evidence: {
        signature: first.signature,
        part: first.label,
        sizeBytes: first.sizeBytes,
        foundIn: found.map((d) => d.label),
      },
    }
  })
}

const MAX_LISTED = 20

/** One finding for everything ClamAV did not read in full: a clean answer must not vouch for it. */
export function unscannedFinding(unscanned: readonly UnscannedPart[]): Finding[] {
  if (unscanned.length === 0) return []
  const shown = unscanned.slice(0, 3).map((u) => `${capitalize(describePart(u.label))} ${u.why}.`)
  const more = unscanned.length > 3 ? ` ${unscanned.length - 3} more parts were not checked either.` : ''
  return [
    {
      code: 'CLAMAV_NOT_SCANNED',
      severity: 'medium',
      text: `ClamAV could not check all of this message. ${shown.join(' ')}${more}`.slice(0, 500),
      evidence: {
        count: unscanned.length,
        // The first ones; a message can have hundreds of parts.
        parts: unscanned.slice(0, MAX_LISTED).map((u) => u.label),
        reasons: unscanned.slice(0, MAX_LISTED).map((u) => u.why),
        sizeBytes: unscanned.reduce((sum, u) => sum + u.sizeBytes, 0),
      },
    },
  ]
}

/** `the message` or `the attachment invoice.zip`. */
export function describePart(label: PartLabel): string {
  return label === 'raw message' ? 'the message' : `the ${label}`
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
