/** Matches one fingerprint against the reported ones: LSH candidates, then TLSH distance, then report weights. */
import type { FingerprintCandidate } from '../../state/fingerprint-store.ts'
import type { LearningState } from '../../state/learning-state.ts'
import { parseTlsh, tlshDistance } from '../../tlsh/index.ts'
import type { TlshConfig } from './config.ts'
import type { MessageFingerprint } from './fingerprints.ts'

export interface NearReport extends FingerprintCandidate {
  distance: number
}

export interface FingerprintMatch {
  print: MessageFingerprint
  /** The closest stored fingerprint that spam reports vouch for. */
  nearest: NearReport
  /** Spam reports minus weighted ham reports over every stored fingerprint within the distance. */
  weight: number
}

/**
 * The spam match of `print`, if the reports near it weigh toward spam. Ham reports near the same
 * fingerprint weigh against it (by `hamWeight`), so a "not junk" undoes a mistaken spam report.
 */
export function matchFingerprint(
  state: LearningState,
  print: MessageFingerprint,
  config: TlshConfig,
  reportedSince: number,
): FingerprintMatch | null {
  const candidates = state.reads.candidates(print.bandKeys, config.minBandHits, reportedSince)
  const near: NearReport[] = []
  const own = parseTlsh(print.digest)
  for (const candidate of candidates) {
    if (candidate.kind !== print.kind) continue
    const distance = tlshDistance(own, candidate.digest)
    if (distance <= config.maxDistance) near.push({ ...candidate, distance })
  }
  let weight = 0
  let nearest: NearReport | null = null
  for (const report of near) {
    weight += report.spamReports * config.spamWeight - report.hamReports * config.hamWeight
    if (report.spamReports > 0 && (!nearest || report.distance < nearest.distance)) nearest = report
  }
  return nearest && weight > 0 ? { print, nearest, weight } : null
}
