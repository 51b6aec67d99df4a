/** Words of a text as the Bayes filter counts them (Graham's token rules), with optional 2- and 3-grams. */
import type { TokenBag } from './token-bag.ts'

export interface WordOptions {
  minWordLength: number
  maxWordLength: number
  twograms: boolean
  threegrams: boolean
}

/**
 * Graham ("A Plan for Spam"): letters, digits, dashes, apostrophes and dollar signs make up tokens;
 * dots, commas and `@` only between them, so prices (`$1,000.00`), host names and addresses stay
 * whole. Runs of `!` are tokens of their own ("Better Bayesian Filtering" found them telling).
 */
const WORD = /[\p{L}\p{N}$][\p{L}\p{M}\p{N}$'’_-]*(?:[.,@][\p{L}\p{M}\p{N}$_-]+)*|!+/gu
/** Characters trimmed from a word's end: `don't-` and `'quoted'` mean the same as without. */
const TRAILING = /['’_-]+$/u
/** A word with a letter or `$`; bare numbers are dates, prices and ids that never repeat. */
const MEANINGFUL = /[\p{L}$]/u
/** Host names and addresses (`shop.example.com`, `sales@shop.example.com`) are names, not words. */
const NAME = /[.@]/
/** They stay whole up to this length, past the word limit: a sender's domain is worth learning. */
const MAX_NAME_LENGTH = 40
/** Scripts written without spaces between words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu
/** Character pairs taken from one run: a headline's worth. */
const MAX_PAIRS = 40

/**
 * Adds the words of `text` to `bag`, lower-cased. `prefix` marks words of a header field
 * (`subject:free`); n-grams are made of unprefixed body words only, and never across a word that
 * was skipped, so they stay phrases the reader saw.
 */
export function addWords(text: string, bag: TokenBag, options: WordOptions, prefix = ''): void {
  const grams = prefix === '' && (options.twograms || options.threegrams)
  let prev = ''
  let prev2 = ''
  for (const match of text.matchAll(WORD)) {
    if (bag.full) return
    const written = match[0]
    if (written.charCodeAt(0) === 0x21) {
      // `!`, `!!` and `!!!` (for any longer run): the length of the run is what tells.
      bag.add(prefix + written.slice(0, 3))
      continue
    }
    const lower = written.toLowerCase()
    let word = lower
    if (TRAILING.test(word)) word = word.replace(TRAILING, '')
    if (word.length < options.minWordLength || !MEANINGFUL.test(word)) continue
    if (CJK.test(word)) {
      // Chinese and Japanese are written without spaces: a run of them is a sentence, not a word.
      // Pairs of characters stand in for words, as in bogofilter's and SpamBayes' CJK tokenizers.
      addCjkPairs(word, bag, prefix)
      prev = prev2 = ''
      continue
    }
    if (word.length > (NAME.test(word) ? MAX_NAME_LENGTH : options.maxWordLength)) {
      // SpamBayes: a long word is counted by its first letter and length (base64, hashes, ids).
      bag.add(`${prefix}skip:${word[0]}${Math.floor(word.length / 10) * 10}`)
      prev = prev2 = ''
      continue
    }
    // Graham kept case ("Better Bayesian Filtering"): shouting is spam's habit. A word in capitals
    // counts both as itself and as `caps:word`, so it is not a stranger to its lower-case training.
    if (lower !== written && written === written.toUpperCase()) bag.add(`${prefix}caps:${word}`)
    bag.add(prefix + word)
    if (grams) {
      if (options.twograms && prev) bag.add(`${prev} ${word}`)
      if (options.threegrams && prev2) bag.add(`${prev2} ${prev} ${word}`)
      prev2 = prev
      prev = word
    }
  }
}

function addCjkPairs(word: string, bag: TokenBag, prefix: string): void {
  let pairs = 0
  for (const match of word.matchAll(CJK_RUN)) {
    const chars = [...match[0]]
    if (chars.length === 1) bag.add(prefix + chars[0]!)
    for (let i = 0; i + 1 < chars.length && pairs < MAX_PAIRS; i++, pairs++) bag.add(prefix + chars[i]! + chars[i + 1]!)
  }
}
