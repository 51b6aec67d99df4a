/** URLs in plain text (http://, https://, www.), found by a linear-time regular expression. */
import type { Deadline } from '../engine.ts'

/**
 * One fixed prefix, then a single bounded character class: no nested or overlapping quantifiers,
 * so matching stays linear in the text (no catastrophic backtracking on hostile bodies). The class
 * stops at whitespace and at the delimiters RFC 3986 appendix C suggests for URLs in prose.
 */
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'`]{1,4096}/gi

/**
 * Prose punctuation that ends a sentence rather than the URL. Trimmed by a backward loop: a regex
 * such as /[.,]+$/ restarts at every punctuation mark of a run that is not at the end, which is
 * quadratic in the run (4 MB of `http://a....a` took seconds).
 */
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', '*', "'", '"', ']', ')', '}', '>'])

/** Matches between two looks at the deadline; each match costs at most a few KB of work. */
const DEADLINE_EVERY = 64

export interface TextUrlOptions {
  /** Stops the scan once passed; the URLs found so far are returned. */
  deadline?: Deadline
  /** URLs already taken from elsewhere (the HTML body): skipped, and not counted against `max`. */
  known?: ReadonlySet<string>
}

/**
 * URLs written in `text`, deduplicated, at most `max`. `www.` URLs get `http://`, as mail clients
 * that make them clickable do. Defanged forms (hxxp, [.]) are left alone: nobody clicks those.
 */
export function urlsInText(text: string, max: number, options: TextUrlOptions = {}): string[] {
  const found = new Set<string>()
  if (max <= 0) return []
  const re = new RegExp(URL_IN_TEXT.source, URL_IN_TEXT.flags)
  let match: RegExpExecArray | null
  let seen = 0
  while ((match = re.exec(text)) !== null) {
    if (++seen % DEADLINE_EVERY === 0 && options.deadline?.passed()) break
    const trimmed = trimTrailing(match[0])
    if (trimmed.length <= 4 || trimmed.endsWith('//')) continue
    const url = /^www\./i.test(trimmed) ? `http://${trimmed}` : trimmed
    if (options.known?.has(url)) continue
    found.add(url)
    if (found.size >= max) break
  }
  return [...found]
}

/** Drops trailing punctuation, keeping a closing parenthesis that closes one inside the URL. */
export function trimTrailing(url: string): string {
  let end = url.length
  while (end > 0 && TRAILING.has(url[end - 1]!)) end--
  let out = url.slice(0, end)
  if (url[end] === ')' && count(out, '(') > count(out, ')')) out += ')'
  return out
}

function count(text: string, char: string): number {
  let n = 0
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++
  return n
}
