/** The `hashed-ngrams-v1` feature contract: a message -> hashed word and character n-grams, sparse. */
import { addHeaderTokens } from '../engines/bayes/header-tokens.ts'
import { addMimeTokens } from '../engines/bayes/mime-tokens.ts'
import { addUrlTokens } from '../engines/bayes/url-tokens.ts'
import { addWords, type WordOptions } from '../engines/bayes/words.ts'
import type { ParsedMessage } from '../message/parsed-message.ts'
import { addCharNgrams, hashCharNgrams } from './char-ngrams.ts'
import { CountingBag } from './counting-bag.ts'
import { fnv1a32 } from './fnv1a.ts'
import { hashTerms, type SparseVector } from './sparse-vector.ts'
import { visibleText, type VisibleText } from './visible-text.ts'

export interface HashedNgramsOptions {
  /** Hash buckets, a power of two: the model's weight count. */
  buckets: number
  words: WordOptions
  /** Distinct word terms per message. */
  maxWordTerms: number
  maxTextChars: number
  maxHtmlChars: number
  maxUrls: number
  maxAttachments: number
  /** Character n-gram sizes; empty for none. */
  charSizes: readonly number[]
  /** Code points of the subject and of the body read for character n-grams. */
  charChars: number
  /** Weight of the character block against the word block (1). */
  charWeight: number
}

/** The terms of a message before hashing, by block: what the evidence of a finding names. */
export interface MessageTerms {
  words: Map<string, number>
  chars: Map<string, number>
}

export interface Features {
  terms: MessageTerms
  vector: SparseVector
}

/** Prefix of character n-gram terms; words never hold `#`-led prefixes, header terms end theirs in `:`. */
const CHAR_PREFIX = '#c:'
const SUBJECT_CHAR_PREFIX = '#s:'

/**
 * Header, MIME, markup and URL-host terms, the words of the subject and the body with their pairs
 * (bigrams), all from the Bayes filter's token rules; then character n-grams of the subject and
 * of the start of the body. Bounded by the caps on text read, HTML parsed and terms kept.
 */
export function messageTerms(message: ParsedMessage, o: HashedNgramsOptions): MessageTerms {
  const { words, seen } = wordTerms(message, o)
  return { words, chars: charTerms(charTexts(message, seen), o) }
}

function wordTerms(message: ParsedMessage, o: HashedNgramsOptions): { words: Map<string, number>; seen: VisibleText } {
  const bag = new CountingBag(o.maxWordTerms)
  addHeaderTokens(message, bag, o.words)
  addMimeTokens(message.raw, bag)
  for (const attachment of message.attachments.slice(0, o.maxAttachments)) {
    bag.add(`attachment:${attachment.declaredType.slice(0, 60)}`)
  }
  const seen = visibleText(message, o)
  for (const tag of seen.tags) bag.add(`html:${tag}`)
  addUrlTokens(seen.urls, bag)
  addWords(seen.text, bag, o.words)
  addWords(seen.htmlText, bag, o.words)
  return { words: bag.counts, seen }
}

/** The texts character n-grams are read from, subject first, each with the prefix of its terms. */
function charTexts(message: ParsedMessage, seen: VisibleText): { text: string; prefix: string }[] {
  const body = seen.text.trim().length > 0 ? seen.text : seen.htmlText
  return [
    ...(message.subject ? [{ text: message.subject, prefix: SUBJECT_CHAR_PREFIX }] : []),
    { text: body, prefix: CHAR_PREFIX },
  ]
}

function charTerms(texts: readonly { text: string; prefix: string }[], o: HashedNgramsOptions): Map<string, number> {
  const chars = new Map<string, number>()
  if (o.charSizes.length > 0)
    for (const { text, prefix } of texts) addCharNgrams(text, o.charSizes, o.charChars, prefix, chars)
  return chars
}

/**
 * The message's sparse feature vector under `options`, with the terms it was hashed from. The
 * character n-grams are hashed straight from the text (hashCharNgrams), which gives the very
 * vector hashing their strings gives; the strings are made only if `terms.chars` is read, or in
 * the rare message where two different grams share a 32-bit hash.
 */
export function extractFeatures(message: ParsedMessage, o: HashedNgramsOptions): Features {
  const { words, seen } = wordTerms(message, o)
  const texts = charTexts(message, seen)
  let chars: Map<string, number> | null = null
  const charStrings = () => (chars ??= charTerms(texts, o))
  const hashed = o.charSizes.length > 0 ? hashCharNgrams(texts, o.charSizes, o.charChars) : { hashes: [], counts: [] }
  const vector = hashTerms(
    [
      { counts: words, weight: 1 },
      hashed ? { hashed, weight: o.charWeight } : { counts: charStrings(), weight: o.charWeight },
    ],
    o.buckets,
    fnv1a32,
  )
  const terms: MessageTerms = {
    words,
    get chars() {
      return charStrings()
    },
  }
  return { terms, vector }
}
