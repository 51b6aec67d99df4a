/** FNV-1a, 32 bits, over the UTF-8 bytes of a string: the feature hash, fixed by the feature contract. */

const OFFSET_BASIS = 0x811c9dc5
const PRIME = 0x01000193

/**
 * The hash of `text`'s UTF-8 encoding, as an unsigned 32-bit integer. UTF-8 rather than JavaScript's
 * UTF-16 code units, so any other implementation of the contract (Python, Rust) gets the same
 * buckets from the same tokens. Encoded inline: a TextEncoder per token would allocate on a hot path.
 *
 * @example
 * fnv1a32('') // 0x811c9dc5
 * fnv1a32('a') // 0xe40c292c
 */
export function fnv1a32(text: string): number {
  return fnv1a32Extend(OFFSET_BASIS, text, 0, text.length) >>> 0
}

/** The FNV-1a state before any byte: what fnv1a32Extend starts from. */
export const FNV1A32_OFFSET_BASIS = OFFSET_BASIS

/**
 * Continues the hash state `h` over the UTF-8 encoding of `text`'s code units `from` to `to`
 * (exclusive); `fnv1a32Extend(fnv1a32Extend(FNV1A32_OFFSET_BASIS, a, 0, a.length), b, 0, b.length) >>> 0`
 * equals `fnv1a32(a + b)` whenever `a` does not end in half a surrogate pair. It lets the character
 * n-grams hash `prefix + gram` without building the string (char-ngrams.ts).
 */
export function fnv1a32Extend(h: number, text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i)
    if (c < 0x80) {
      h = Math.imul(h ^ c, PRIME)
      continue
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00)
        i++
      }
    }
    // A lone surrogate is encoded as U+FFFD, as TextEncoder does.
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), PRIME)
    } else if (c < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), PRIME)
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), PRIME)
    } else {
      h = Math.imul(h ^ (0xf0 | (c >> 18)), PRIME)
      h = Math.imul(h ^ (0x80 | ((c >> 12) & 0x3f)), PRIME)
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), PRIME)
    }
    h = Math.imul(h ^ (0x80 | (c & 0x3f)), PRIME)
  }
  return h
}
