/** scanAttempt: one scan of a message for the watcher, telling a usable verdict from a failed scan. */
import type { Verdict } from '@moat/contract'
import type { Scanner } from '../pipeline/scan-message.ts'
import type { ScanFailurePolicy } from '../policy/policy.ts'
import { backoffDelay } from './retry-delay.ts'

export type ScanAttempt =
  | { ok: true; verdict: Verdict }
  /**
   * A critical engine failed (the verdict, failing closed, holds the message) or the scan itself
   * threw (no verdict at all). `retryAt` is when to scan again, or null once retries are spent.
   */
  | { ok: false; verdict: Verdict | null; why: string; retryAt: number | null }

/** Scans `raw`; `attempts` counts the scans of this message including this one. */
export async function scanAttempt(
  scanner: Scanner,
  raw: Buffer,
  attempts: number,
  policy: ScanFailurePolicy,
  now: number,
): Promise<ScanAttempt> {
  let verdict: Verdict | null = null
  let why: string
  try {
    verdict = (await scanner.scan(raw)).verdict
    const failed = verdict.engines.failed.filter((f) => f.critical)
    if (failed.length === 0) return { ok: true, verdict }
    why = failed.map((f) => `${f.name} failed (${f.why})`).join('; ')
  } catch (err) {
    why = `the scan failed: ${(err as Error).message}`
  }
  const retryAt =
    attempts <= policy.retries
      ? now + backoffDelay(attempts - 1, policy.firstRetrySeconds * 1000, policy.maxRetrySeconds * 1000)
      : null
  return { ok: false, verdict, why, retryAt }
}

/** The strongest reason of a verdict in one sentence, for the action record. */
export function verdictSummary(verdict: Verdict | null): string {
  if (!verdict) return 'no verdict'
  const top = verdict.reasons[0]
  return `${verdict.action} (score ${verdict.score.toFixed(1)})${top ? `: ${top.code}: ${top.text}` : ''}`
}
