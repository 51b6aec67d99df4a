/** LSH bands of a TLSH digest: overlapping slices of its body, each packed with its position into one key. */

/** `T1`, then 3 header bytes (checksum, length, quartile ratios) as 6 hex digits, then the 64-digit body. */
const BODY_START = 2 + 6
const BODY_HEX = 64

/**
 * Band geometry: 3 hex digits (6 buckets) at a stride of 2, so 31 overlapping bands cover the
 * 128-bucket body. Measured over every pair of the 6,032 SpamAssassin bodies that TLSH can hash
 * (scratch measurement, 18.2 million pairs): of the pairs within distance 70, 74.8% share at least
 * 4 bands (94.5% within 50, 100% within 30), against 41.1% (64.1%, 85.6%) for Mailuminati
 * Guardian's 20 bands of 6 digits at stride 3; only 3,134 pairs in all reach 4 shared bands, so
 * the distance is computed for about one candidate per message. Stored keys depend on this:
 * changing it needs the index rebuilt, so it is fixed here, and the policy sets how many must hit.
 */
export const BAND_WIDTH = 3
export const BAND_STRIDE = 2
export const BAND_COUNT = Math.floor((BODY_HEX - BAND_WIDTH) / BAND_STRIDE) + 1

/** 2^(4 * BAND_WIDTH): the number of values one band can take. */
const BAND_VALUES = 2 ** (4 * BAND_WIDTH)

/**
 * The band keys of a `T1` digest: band number times the value range plus the band's value, so
 * equal slices at different positions never collide. Header digits are left out: they carry the
 * length and checksum, which the distance compares anyway.
 */
export function bandKeys(digest: string): number[] {
  const keys: number[] = []
  for (let band = 0; band < BAND_COUNT; band++) {
    const at = BODY_START + band * BAND_STRIDE
    keys.push(band * BAND_VALUES + parseInt(digest.slice(at, at + BAND_WIDTH), 16))
  }
  return keys
}
