/** normaliseBody: the text a campaign keeps constant across copies, ready to fingerprint. */
import type { Handler } from 'htmlparser2'
import type { ParsedMessage } from '../../message/parsed-message.ts'
import { BoundedParser } from '../html/bounded-parser.ts'
import { normaliseUrl } from './normalise-url.ts'

/** Open elements tracked while reading HTML: deeper ones are read as empty (see BoundedParser). */
const MAX_DEPTH = 256
/** Elements whose content is never shown text. */
const SKIPPED = new Set(['style', 'script', 'noscript', 'template'])
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'()]+/g
/** Long hex runs with a digit (ids, hashes) and long digit runs (order and phone numbers, dates). */
const VARYING_RUNS = /\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b|\d{4,}/g
const WHITESPACE = /\s+/g
/**
 * The salutation near the start ("Dear Laura,", "Hello,", "Hi there!"): campaigns rotate greetings,
 * and in a short body that one word moves enough TLSH buckets to double the distance.
 */
const SALUTATION =
  /^([\s\S]{0,200}?)(?<![\p{L}\p{N}])(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening))(?![\p{L}\p{N}])[^,\n.!:;]{0,60}[,!:;]/u

/**
 * Lower-cased text of the text part and of the HTML part's visible text, with links reduced to
 * their constant parts, image sources, inline styles, long hex and digit runs, the salutation and
 * the recipients' own names and addresses removed; at most `maxChars` characters.
 */
export function normaliseBody(message: ParsedMessage, maxChars: number): string {
  const pieces: string[] = []
  if (message.text) pieces.push(normaliseText(message.text.slice(0, maxChars)))
  if (message.html) pieces.push(htmlText(message.html.slice(0, maxChars * 2)))
  let body = pieces.join('\n').replace(VARYING_RUNS, ' ')
  const recipients = recipientPattern(message)
  if (recipients) body = body.replace(recipients, ' ')
  return body.replace(WHITESPACE, ' ').trim().slice(0, maxChars)
}

function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(SALUTATION, '$1 ')
    .replace(URL_IN_TEXT, (url) => ` ${normaliseUrl(url)} `)
}

/** Visible text, link targets normalised, and a bare `[img]` where each image was (sources vary per copy). */
function htmlText(html: string): string {
  const out: string[] = []
  let depth = 0
  let skipping = 0
  const handler: Partial<Handler> = {
    onopentag(name, attributes) {
      depth++
      if (SKIPPED.has(name)) skipping++
      else if (name === 'img') out.push(' [img] ')
      else if ((name === 'a' || name === 'area') && attributes.href) out.push(` ${normaliseUrl(attributes.href)} `)
      else if (name === 'br' || name === 'p' || name === 'div' || name === 'tr' || name === 'li') out.push('\n')
    },
    onclosetag(name) {
      depth--
      if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1)
    },
    ontext(text) {
      if (skipping === 0) out.push(text.toLowerCase())
    },
  }
  const parser = new BoundedParser(handler, () => depth, MAX_DEPTH)
  parser.end(html)
  return normaliseText(out.join(''))
}

/**
 * Matches the recipients' names and mailbox local parts: campaigns greet each person by name, and those
 * words would otherwise make every copy differ. Only words of three letters or more, longest first.
 */
function recipientPattern(message: ParsedMessage): RegExp | null {
  const words = new Set<string>()
  for (const person of [...message.to, ...message.cc]) {
    for (const word of person.name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word.length >= 3) words.add(word)
    const local = person.address.toLowerCase().split('@', 1)[0] ?? ''
    if (local.length >= 3) words.add(local)
  }
  if (words.size === 0) return null
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .slice(0, 50)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const source = `(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`
  let pattern = RECIPIENT_PATTERNS.get(source)
  if (pattern) {
    // Most recently used last, so the oldest is the one dropped.
    RECIPIENT_PATTERNS.delete(source)
  } else {
    pattern = new RegExp(source, 'gu')
    if (RECIPIENT_PATTERNS.size >= MAX_RECIPIENT_PATTERNS)
      RECIPIENT_PATTERNS.delete(RECIPIENT_PATTERNS.keys().next().value!)
  }
  RECIPIENT_PATTERNS.set(source, pattern)
  return pattern
}

/**
 * Compiled recipient patterns by source, most recently used last. Mail to one mailbox or list
 * names the same recipients again and again; a pattern made afresh for each message was compiled
 * and run by V8's regexp interpreter every time, while a reused one gets native code. Sharing is
 * safe: `replace` with a global pattern starts from lastIndex 0 and leaves it there.
 */
const RECIPIENT_PATTERNS = new Map<string, RegExp>()
const MAX_RECIPIENT_PATTERNS = 256
