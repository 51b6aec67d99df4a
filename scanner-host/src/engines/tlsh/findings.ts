/** The tlsh engine's finding: which reported message this one resembles, and how closely. */
import type { Finding } from '@moat/contract'
import { FINDING_CODES } from '@moat/contract'
import { displayName } from '../attachments/filename.ts'
import type { FingerprintMatch } from './match.ts'

/** Longest subject, file name or Message-ID quoted: they come from senders, and findings have a size cap. */
const MAX_QUOTED = 100

/** File names, subjects and ids with controls made visible and length bounded, so the finding is always valid. */
const quoted = (value: string | null) => displayName(value ?? '', MAX_QUOTED)

export function reportedSpamFinding(match: FingerprintMatch, others: number): Finding {
  const { print, nearest } = match
  const reportedAt = new Date(nearest.lastReportedAt).toISOString()
  const part = print.kind === 'body' ? 'body' : quoted(print.label)
  const what = print.kind === 'body' ? 'This message' : `The attachment "${part}"`
  const subject = nearest.sampleSubject ? ` (subject "${quoted(nearest.sampleSubject)}")` : ''
  return {
    code: 'FINGERPRINT_REPORTED_SPAM',
    severity: FINDING_CODES.FINGERPRINT_REPORTED_SPAM.severity,
    text: `${what} closely resembles a message reported as spam${subject}, last reported ${reportedAt.slice(0, 10)}.`,
    evidence: {
      part,
      distance: nearest.distance,
      spamReports: nearest.spamReports,
      weight: match.weight,
      reportedSubject: quoted(nearest.sampleSubject),
      reportedMessageId: quoted(nearest.sampleMessageId),
      reportedPart: quoted(nearest.sampleLabel),
      reportedSha256: nearest.sampleSha256,
      reportedAt,
      fingerprint: print.digest,
      ...(others > 0 ? { otherMatchingParts: others } : {}),
    },
  }
}
