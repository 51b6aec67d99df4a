/** backoffDelay: doubling delays with jitter, for reconnecting and for scanning a message again. */

/**
 * `minMs · 2^attempt`, capped at `maxMs`, then scaled by a random factor in [0.5, 1) ("equal
 * jitter"): many watchers cut off by the same server outage do not all come back at once.
 */
export function backoffDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30))
  return Math.round(ceiling * (0.5 + random() * 0.5))
}
