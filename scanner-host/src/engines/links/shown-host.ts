/** What host a link's displayed text names, when the text looks like a URL or a domain name. */
import type { HostCache } from '../../domains/registered-domain.ts'
import { toLink } from './extract.ts'

export interface ShownHost {
  /** The text as shown, trimmed. */
  shown: string
  host: string
  registeredDomain: string | null
}

/** Quotes and brackets before a URL in anchor text. */
const LEADING = new Set([...'<([{"\'«'])
/** Quotes, brackets and sentence punctuation after it. */
const TRAILING = new Set([...'>)]}"\'».,;:!?'])
const SCHEME = /^[a-z][a-z0-9+.-]*:/i
const PORT = /^:\d{1,5}$/
const SPACE = /\s/

/**
 * The host the reader believes the link goes to, or null when the text is not URL-like ("Click
 * here", "Jane Doe", an email address, a capitalised shop name such as "Walmart.com"). A bare name
 * counts only under a real public suffix, so "e.g." or "v1.2" do not; a shown gateway URL counts
 * as its target.
 */
export function shownHost(text: string, cache: HostCache): ShownHost | null {
  const shown = unwrapText(text)
  if (shown.length < 4 || shown.length > 2048 || /\s/.test(shown)) return null
  if (SCHEME.test(shown)) {
    const link = toLink(shown, 'html', cache)
    return link && link.targetKnown !== false
      ? { shown, host: link.host, registeredDomain: link.registeredDomain }
      : null
  }
  if (!isBareHost(shown)) return null
  // "Walmart.com" in prose names a shop, not an address; www., a path or lower case read as a URL.
  if (/^[A-Z]/.test(shown) && !/^www\./i.test(shown) && !/[/?#]/.test(shown)) return null
  const link = toLink(`http://${shown}`, 'html', cache)
  if (!link) return null
  const parts = cache.get(link.host)
  if (!parts.isIp && !(parts.registeredDomain && parts.isIcann)) return null
  return { shown, host: link.host, registeredDomain: link.registeredDomain }
}

/**
 * `text` without wrapping punctuation and white space. Loops rather than /[...]+$/, which restarts
 * at every mark of a run that does not reach the end and so is quadratic in hostile anchor text.
 */
function unwrapText(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && (LEADING.has(text[start]!) || SPACE.test(text[start]!))) start++
  while (end > start && (TRAILING.has(text[end - 1]!) || SPACE.test(text[end - 1]!))) end--
  return text.slice(start, end)
}

/**
 * `host.tld`, optionally with a port, then a path, query or fragment (`text` has no white space).
 * Read by hand: as one regex the dots of the host can be split between two quantifiers in many
 * ways, and a failing match tries them all.
 */
function isBareHost(text: string): boolean {
  const cut = text.search(/[/?#]/)
  let authority = cut < 0 ? text : text.slice(0, cut)
  const colon = authority.indexOf(':')
  if (colon >= 0) {
    if (!PORT.test(authority.slice(colon))) return false
    authority = authority.slice(0, colon)
  }
  if (authority.includes('@')) return false
  const dot = authority.indexOf('.', 1)
  return dot > 0 && dot < authority.length - 1
}
