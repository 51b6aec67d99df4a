/** URLs in plain text (http://, https://, www.), found by a linear-time regular expression. */

/**
 * One fixed prefix, then a single bounded character class: no nested or overlapping quantifiers,
 * so matching stays linear in the text (no catastrophic backtracking on hostile bodies). The class
 * stops at whitespace and at the delimiters RFC 3986 appendix C suggests for URLs in prose.
 */
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'`]{1,4096}/gi

/** Prose punctuation that ends a sentence rather than the URL. */
const TRAILING = /[.,;:!?*'"\])}>]+$/

/**
 * URLs written in `text`, deduplicated, at most `max`. `www.` URLs get `http://`, as mail clients
 * that make them clickable do. Defanged forms (hxxp, [.]) are left alone: nobody clicks those.
 */
export function urlsInText(text: string, max: number, signal?: AbortSignal): string[] {
  const found = new Set<string>()
  if (max <= 0) return []
  const re = new RegExp(URL_IN_TEXT.source, URL_IN_TEXT.flags)
  let match: RegExpExecArray | null
  let seen = 0
  while ((match = re.exec(text)) !== null) {
    if (++seen % 256 === 0 && signal?.aborted) break
    const url = trimTrailing(match[0])
    if (url.length <= 4 || url.endsWith('//')) continue
    found.add(/^www\./i.test(url) ? `http://${url}` : url)
    if (found.size >= max) break
  }
  return [...found]
}

/** Drops trailing punctuation, keeping a closing parenthesis that closes one inside the URL. */
function trimTrailing(url: string): string {
  let out = url.replace(TRAILING, '')
  const tail = url.slice(out.length)
  if (tail.startsWith(')') && count(out, '(') > count(out, ')')) out += ')'
  return out
}

function count(text: string, char: string): number {
  let n = 0
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++
  return n
}
