/** Character n-grams of a text: they see through the spellings that split words (`V1agra`, `fr.ee`). */

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
  const s = ` ${collapse(text, maxChars).toLowerCase()} `
  // UTF-16 offsets of each code point and of the end, so a gram is one slice.
  const at: number[] = []
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0xdc00 || c > 0xdfff || i === 0 || !isHighSurrogate(s.charCodeAt(i - 1))) at.push(i)
  }
  at.push(s.length)
  for (const n of sizes) {
    for (let i = 0; i + n < at.length; i++) {
      const gram = prefix + s.slice(at[i], at[i + n])
      counts.set(gram, (counts.get(gram) ?? 0) + 1)
    }
  }
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
