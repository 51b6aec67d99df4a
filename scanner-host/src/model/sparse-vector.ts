/** SparseVector: a message's features as bucket indices (ascending, distinct) and their values. */

export interface SparseVector {
  indices: Int32Array
  values: Float32Array
}

/** One block of terms (words, character n-grams), scaled and normalised on its own before they are summed. */
export interface TermBlock {
  counts: ReadonlyMap<string, number>
  /** The block's length after L2 normalisation, i.e. its weight against the other blocks. */
  weight: number
}

/**
 * Hashes terms into `buckets` (a power of two) and sums what collides. Each term counts 1 + ln(tf)
 * (sublinear: the tenth "free" says less than the first); each block is L2-normalised to its
 * `weight`, so a long message is not more spam than a short one, and the hundreds of character
 * grams do not drown the tens of words. Values are float32, as the model reads them.
 */
export function hashTerms(blocks: readonly TermBlock[], buckets: number, hash: (term: string) => number): SparseVector {
  const mask = buckets - 1
  const sums = new Map<number, number>()
  for (const { counts, weight } of blocks) {
    let squares = 0
    for (const tf of counts.values()) squares += termValue(tf) ** 2
    if (squares === 0) continue
    const scale = weight / Math.sqrt(squares)
    for (const [term, tf] of counts) {
      const bucket = hash(term) & mask
      sums.set(bucket, (sums.get(bucket) ?? 0) + termValue(tf) * scale)
    }
  }
  const indices = Int32Array.from(sums.keys()).sort()
  const values = new Float32Array(indices.length)
  indices.forEach((bucket, i) => (values[i] = sums.get(bucket)!))
  return { indices, values }
}

/** 1 + ln(tf): sublinear term frequency. */
export function termValue(tf: number): number {
  return 1 + Math.log(tf)
}
