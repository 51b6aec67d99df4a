/** Character n-grams of a text: they see through the spellings that split words (`V1agra`, `fr.ee`). */
import { FNV1A32_OFFSET_BASIS, fnv1a32Extend } from './fnv1a.ts'
import type { HashedTermCounts } from './sparse-vector.ts'

const SPACE = /\s/u

/**
 * Adds the `n`-grams (for each n in `sizes`) of `text` to `counts`, as `prefix + gram`. Read: the
 * first `maxChars` code points once whitespace runs are made one space and the ends trimmed, then
 * lower-cased and padded with a space each side (so grams mark word starts and ends). Code points,
 * not UTF-16 units, so a gram never holds half a character.
 *
 * @example
 * addCharNgrams('Hi  YOU', [3], 100, 'c:', counts) // ' hi', 'hi ', 'i y', ' yo', 'you', 'ou '
 */
export function addCharNgrams(
  text: string,
  sizes: readonly number[],
  maxChars: number,
  prefix: string,
  counts: Map<string, number>,
): void {
  const { s, at } = gramText(text, maxChars)
  for (const n of sizes) {
    for (let i = 0; i + n < at.length; i++) {
      const gram = prefix + s.slice(at[i], at[i + n])
      counts.set(gram, (counts.get(gram) ?? 0) + 1)
    }
  }
}

/** The text the grams are read from, and the UTF-16 offset of each code point and of the end, so a gram is one slice. */
function gramText(text: string, maxChars: number): { s: string; at: number[] } {
  const s = ` ${collapse(text, maxChars).toLowerCase()} `
  const at: number[] = []
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0xdc00 || c > 0xdfff || i === 0 || !isHighSurrogate(s.charCodeAt(i - 1))) at.push(i)
  }
  at.push(s.length)
  return { s, at }
}

/**
 * The character n-grams addCharNgrams would add for each `{ text, prefix }`, in the same order,
 * as the fnv1a32 hashes of their terms (`prefix + gram`) with their counts, without building a
 * string per gram: the model's feature extraction spent most of its time making, counting and
 * hashing those strings. Terms are told apart by hash, and a repeated hash is checked against the
 * gram first seen with it; null when two different terms share a 32-bit hash, so the caller can
 * count strings instead (addCharNgrams) and the features stay exactly the same.
 */
export function hashCharNgrams(
  texts: readonly { text: string; prefix: string }[],
  sizes: readonly number[],
  maxChars: number,
): HashedTermCounts | null {
  const read = texts.map(({ text, prefix }) => ({
    ...gramText(text, maxChars),
    prefix,
    prefixHash: fnv1a32Extend(FNV1A32_OFFSET_BASIS, prefix, 0, prefix.length),
  }))
  let grams = 0
  for (const { at } of read) for (const n of sizes) grams += Math.max(0, at.length - n)
  const hashes: number[] = []
  const counts: number[] = []
  // Where each term was first seen, to compare a later gram with the same hash against.
  const firstText: number[] = []
  const firstFrom: number[] = []
  const firstTo: number[] = []
  // Open addressing on the hash itself (at most half full): a Map keyed by numbers above 2^31
  // boxes every key, and was most of this function's time.
  const mask = (1 << Math.max(4, Math.ceil(Math.log2(grams * 2 + 1)))) - 1
  const slotHash = new Int32Array(mask + 1)
  /** 1 + the term's index in `hashes`; 0 for an empty slot. */
  const slotTerm = new Int32Array(mask + 1)
  for (let t = 0; t < read.length; t++) {
    const { s, at, prefix, prefixHash } = read[t]!
    for (const n of sizes) {
      for (let i = 0; i + n < at.length; i++) {
        const from = at[i]!
        const to = at[i + n]!
        const hash = fnv1a32Extend(prefixHash, s, from, to) | 0
        let slot = hash & mask
        while (slotTerm[slot] !== 0 && slotHash[slot] !== hash) slot = (slot + 1) & mask
        const term = slotTerm[slot]! - 1
        if (term < 0) {
          slotHash[slot] = hash
          slotTerm[slot] = hashes.length + 1
          hashes.push(hash)
          counts.push(1)
          firstText.push(t)
          firstFrom.push(from)
          firstTo.push(to)
          continue
        }
        const other = read[firstText[term]!]!
        if (!sameTerm(other.prefix, other.s, firstFrom[term]!, firstTo[term]!, prefix, s, from, to)) return null
        counts[term]!++
      }
    }
  }
  return { hashes, counts }
}

/** `prefixA + a.slice(fromA, toA) === prefixB + b.slice(fromB, toB)`, without the slices. */
function sameTerm(
  prefixA: string,
  a: string,
  fromA: number,
  toA: number,
  prefixB: string,
  b: string,
  fromB: number,
  toB: number,
): boolean {
  if (prefixA !== prefixB || toA - fromA !== toB - fromB) return false
  for (let i = 0; i < toA - fromA; i++) if (a.charCodeAt(fromA + i) !== b.charCodeAt(fromB + i)) return false
  return true
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff
}

/** The first `maxChars` code points of `text` with whitespace runs made one space, ends trimmed. */
function collapse(text: string, maxChars: number): string {
  const out: string[] = []
  let space = false
  for (const c of text) {
    if (SPACE.test(c)) {
      space = out.length > 0
      continue
    }
    if (space) {
      if (out.length + 1 >= maxChars) break
      out.push(' ')
      space = false
    }
    out.push(c)
    if (out.length >= maxChars) break
  }
  return out.join('')
}
