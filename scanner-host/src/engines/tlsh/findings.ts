/** The tlsh engine's finding: which reported message this one resembles, and how closely. */
import type { Finding } from '@moat/contract'
import { FINDING_CODES } from '@moat/contract'
import type { FingerprintMatch } from './match.ts'

export function reportedSpamFinding(match: FingerprintMatch, others: number): Finding {
  const { print, nearest } = match
  const reportedAt = new Date(nearest.lastReportedAt).toISOString()
  const what = print.kind === 'body' ? 'This message' : `The attachment ${JSON.stringify(print.label)}`
  const subject = nearest.sampleSubject ? ` (subject ${JSON.stringify(nearest.sampleSubject.slice(0, 80))})` : ''
  return {
    code: 'FINGERPRINT_REPORTED_SPAM',
    severity: FINDING_CODES.FINGERPRINT_REPORTED_SPAM.severity,
    text: `${what} closely resembles a message reported as spam${subject}, last reported ${reportedAt.slice(0, 10)}.`,
    evidence: {
      part: print.kind === 'body' ? 'body' : print.label,
      distance: nearest.distance,
      spamReports: nearest.spamReports,
      weight: match.weight,
      reportedSubject: nearest.sampleSubject ?? '',
      reportedMessageId: nearest.sampleMessageId ?? '',
      reportedSha256: nearest.sampleSha256,
      reportedAt,
      fingerprint: print.digest,
      ...(others > 0 ? { otherMatchingParts: others } : {}),
    },
  }
}
