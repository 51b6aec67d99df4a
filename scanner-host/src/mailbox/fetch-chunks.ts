/** chunksBySize: groups messages to fetch so one round trip never holds more than a bounded number of bytes. */

/** A fetch holds at most this much mail in memory (one larger message still goes alone). */
export const MAX_FETCH_BYTES = 64 * 1024 * 1024

/** Splits `uids` in order into groups whose known sizes add up to at most `maxBytes`. */
export function chunksBySize(
  uids: readonly number[],
  sizes: ReadonlyMap<number, number>,
  maxBytes = MAX_FETCH_BYTES,
): number[][] {
  const chunks: number[][] = []
  let current: number[] = []
  let total = 0
  for (const uid of uids) {
    const size = sizes.get(uid) ?? 0
    if (current.length > 0 && total + size > maxBytes) {
      chunks.push(current)
      current = []
      total = 0
    }
    current.push(uid)
    total += size
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}
