/** TLSH distance between two digests, with or without the length component, as the reference scores it. */
import { parseTlsh, TLSH_BODY_BYTES, type TlshDigest } from './digest.ts'
import { bitPairDiff } from './tables.ts'

export interface TlshDistanceOptions {
  /**
   * Count the difference in input length (default true). Leave it out to compare a file with a
   * repeating pattern against one holding the pattern once: their lengths say nothing about content.
   */
  includeLength?: boolean
}

/** Header differences above 1 are multiplied by this, as in the reference's defaults. */
const HEADER_WEIGHT = 12

/** Distance on a circle of `range` values: the length value and the ratios wrap around. */
function modDiff(x: number, y: number, range: number): number {
  const direct = Math.abs(x - y)
  return Math.min(direct, range - direct)
}

/**
 * Distance between two digests: 0 for the same digest, growing as the inputs differ (around 100
 * and up is seldom related; the scale has no fixed top). Digests may be given as text.
 */
export function tlshDistance(
  a: TlshDigest | string,
  b: TlshDigest | string,
  options: TlshDistanceOptions = {},
): number {
  const x = typeof a === 'string' ? parseTlsh(a) : a
  const y = typeof b === 'string' ? parseTlsh(b) : b
  let diff = 0

  if (options.includeLength ?? true) {
    const ldiff = modDiff(x.lvalue, y.lvalue, 256)
    // A neighbouring length bucket costs 1: sizes near a bucket edge should not look unrelated.
    diff += ldiff <= 1 ? ldiff : ldiff * HEADER_WEIGHT
  }

  const q1diff = modDiff(x.q1ratio, y.q1ratio, 16)
  diff += q1diff <= 1 ? q1diff : (q1diff - 1) * HEADER_WEIGHT
  const q2diff = modDiff(x.q2ratio, y.q2ratio, 16)
  diff += q2diff <= 1 ? q2diff : (q2diff - 1) * HEADER_WEIGHT

  if (x.checksum !== y.checksum) diff += 1

  const pairDiff = bitPairDiff()
  for (let i = 0; i < TLSH_BODY_BYTES; i++) diff += pairDiff[(x.body[i]! << 8) | y.body[i]!]!
  return diff
}
