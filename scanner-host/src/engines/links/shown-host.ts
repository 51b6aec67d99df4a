/** What host a link's displayed text names, when the text looks like a URL or a domain name. */
import type { HostCache } from '../../domains/registered-domain.ts'
import { toLink } from './extract.ts'

export interface ShownHost {
  /** The text as shown, trimmed. */
  shown: string
  host: string
  registeredDomain: string | null
}

/** Quotes, brackets and sentence punctuation around a URL in anchor text. */
const WRAPPING = /^[\s<([{"'«]+|[\s>)\]}"'».,;:!?]+$/g
const SCHEME = /^[a-z][a-z0-9+.-]*:/i
/** `host.tld` optionally followed by a port and a path, query or fragment. */
const BARE_HOST = /^[^\s/?#:@]+\.[^\s/?#:@]+(?::\d{1,5})?(?:[/?#]\S*)?$/

/**
 * The host the reader believes the link goes to, or null when the text is not URL-like ("Click
 * here", "Jane Doe", an email address, a capitalised shop name such as "Walmart.com"). A bare name
 * counts only under a real public suffix, so "e.g." or "v1.2" do not; a shown gateway URL counts
 * as its target.
 */
export function shownHost(text: string, cache: HostCache): ShownHost | null {
  const shown = text.replace(WRAPPING, '')
  if (shown.length < 4 || shown.length > 2048 || /\s/.test(shown)) return null
  if (SCHEME.test(shown)) {
    const link = toLink(shown, 'html', cache)
    return link && link.targetKnown !== false
      ? { shown, host: link.host, registeredDomain: link.registeredDomain }
      : null
  }
  if (!BARE_HOST.test(shown)) return null
  // "Walmart.com" in prose names a shop, not an address; www., a path or lower case read as a URL.
  if (/^[A-Z]/.test(shown) && !/^www\./i.test(shown) && !/[/?#]/.test(shown)) return null
  const link = toLink(`http://${shown}`, 'html', cache)
  if (!link) return null
  const parts = cache.get(link.host)
  if (!parts.isIp && !(parts.registeredDomain && parts.isIcann)) return null
  return { shown, host: link.host, registeredDomain: link.registeredDomain }
}
