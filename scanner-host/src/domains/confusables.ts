/** Confusable skeletons after UTS #39 s4: two strings that look alike map to the same skeleton. */

/**
 * A compact subset of the Unicode confusables table (confusablesSummary.txt): the homoglyphs that
 * phishing domains actually use, mapped to the Latin letter they imitate. Keys are lower case,
 * because skeletons are compared after case folding (domain names are case-insensitive).
 */
const SINGLE: Record<string, string> = {
  // Cyrillic
  а: 'a',
  е: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  ԛ: 'q',
  с: 'c',
  ѕ: 's',
  т: 't',
  у: 'y',
  ԝ: 'w',
  х: 'x',
  ԁ: 'd',
  ѵ: 'v',
  // Greek
  α: 'a',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
  ϳ: 'j',
  // Armenian
  օ: 'o',
  ս: 'u',
  ո: 'n',
  հ: 'h',
  ց: 'g',
  // Latin look-alikes outside ASCII
  ı: 'i',
  ɩ: 'i',
  ɑ: 'a',
  ɡ: 'g',
  ℓ: 'l',
  // Digits that pass for letters
  '0': 'o',
  '1': 'l',
  '|': 'l',
}

/** Letter pairs that read as one letter in most fonts (UTS #39 lists rn -> m; vv -> w; cl -> d). */
const PAIRS: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
]

const NON_ASCII = /[\u0080-\uffff]/
const MARKS = /\p{M}/gu
const MAPPED = /[\u0080-\uffff01|]/g

/**
 * Skeleton of `text`: compatibility-decomposed (NFKD folds full-width and ligatures), accents
 * dropped, case-folded, homoglyphs and letter pairs replaced. Not reversible and not a display form:
 * only ever compare two skeletons.
 *
 * @example skeleton('pаypa1.com') === skeleton('paypal.com') // Cyrillic а, digit 1
 */
export function skeleton(text: string): string {
  let s = text
  if (NON_ASCII.test(s)) s = s.normalize('NFKD').replace(MARKS, '')
  s = s.toLowerCase().replace(MAPPED, (c) => SINGLE[c] ?? c)
  for (const [pair, letter] of PAIRS) s = s.replace(pair, letter)
  return s
}
