/** SparseVector: a message's features as bucket indices (ascending, distinct) and their values. */

export interface SparseVector {
  indices: Int32Array
  values: Float32Array
}

/** Distinct terms by their hash, in the order first seen, with how often each was seen. */
export interface HashedTermCounts {
  /** The hash of each term (fnv1a32), as a signed 32-bit integer (`| 0`): only its low bits pick the bucket. */
  hashes: readonly number[]
  counts: readonly number[]
}

/**
 * One block of terms (words, character n-grams), scaled and normalised on its own before they are
 * summed: terms as strings (`counts`, hashed here), or already hashed (`hashed`).
 */
export type TermBlock = (
  { counts: ReadonlyMap<string, number>; hashed?: never } | { hashed: HashedTermCounts; counts?: never }
) & {
  /** The block's length after L2 normalisation, i.e. its weight against the other blocks. */
  weight: number
}

/**
 * Per-bucket sums, reused from message to message (2 MiB for 2^18 buckets) instead of a Map that
 * grew to thousands of boxed entries per message; only the buckets a message touched are read and
 * reset. (An open-addressing table sized to the message measured slower, 0.55 against 0.41 ms per
 * message.)
 */
let scratch: { sums: Float64Array; touched: Uint8Array } | null = null

/**
 * Hashes terms into `buckets` (a power of two) and sums what collides. Each term counts 1 + ln(tf)
 * (sublinear: the tenth "free" says less than the first); each block is L2-normalised to its
 * `weight`, so a long message is not more spam than a short one, and the hundreds of character
 * grams do not drown the tens of words. Values are float32, as the model reads them. Terms are
 * added in block order, each block in its own order, so every sum is made in the same order (and
 * so to the same bits) whichever form a block comes in.
 */
export function hashTerms(blocks: readonly TermBlock[], buckets: number, hash: (term: string) => number): SparseVector {
  const mask = buckets - 1
  if (scratch?.sums.length !== buckets) scratch = { sums: new Float64Array(buckets), touched: new Uint8Array(buckets) }
  const { sums, touched } = scratch
  const order: number[] = []
  const add = (bucket: number, value: number) => {
    if (touched[bucket] === 0) {
      touched[bucket] = 1
      order.push(bucket)
    }
    sums[bucket]! += value
  }
  try {
    for (const block of blocks) {
      const tfs = block.hashed ? block.hashed.counts : [...block.counts.values()]
      let squares = 0
      for (const tf of tfs) squares += isSmallTf(tf) ? SQUARED_VALUES[tf]! : termValue(tf) ** 2
      if (squares === 0) continue
      const scale = block.weight / Math.sqrt(squares)
      if (block.hashed) {
        const { hashes, counts } = block.hashed
        for (let i = 0; i < hashes.length; i++) add(hashes[i]! & mask, cachedTermValue(counts[i]!) * scale)
      } else {
        for (const [term, tf] of block.counts) add(hash(term) & mask, cachedTermValue(tf) * scale)
      }
    }
    const indices = Int32Array.from(order).sort()
    const values = new Float32Array(indices.length)
    for (let i = 0; i < indices.length; i++) values[i] = sums[indices[i]!]!
    return { indices, values }
  } finally {
    // Left as found, even if a hash function threw: the next message starts from zeros.
    for (const bucket of order) {
      sums[bucket] = 0
      touched[bucket] = 0
    }
  }
}

/** 1 + ln(tf): sublinear term frequency. */
export function termValue(tf: number): number {
  return 1 + Math.log(tf)
}

/**
 * termValue and its square for the counts most terms have, computed once by the same expressions
 * (so to the same bits): two logarithms per term were a good part of hashTerms' time.
 */
const SMALL_TF = 64
const TERM_VALUES = Float64Array.from({ length: SMALL_TF }, (_, tf) => termValue(tf))
const SQUARED_VALUES = Float64Array.from({ length: SMALL_TF }, (_, tf) => termValue(tf) ** 2)

function cachedTermValue(tf: number): number {
  return isSmallTf(tf) ? TERM_VALUES[tf]! : termValue(tf)
}

function isSmallTf(tf: number): boolean {
  return (tf | 0) === tf && tf >= 0 && tf < SMALL_TF
}
