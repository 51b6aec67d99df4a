/** URL keys for feed matching: one spelling per address, so a feed entry and a link written differently still meet. */
import { hostParts } from '../domains/registered-domain.ts'

/** Longer URLs are neither indexed nor looked up; real feed entries and links stay far below. */
const MAX_URL_LENGTH = 8192
/** RFC 3986 s2.3: escapes of these mean the character itself, so both spellings are one address. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/

export interface UrlKey {
  /**
   * scheme://host[:port]/path?query as a browser sends it (WHATWG URL: lower-case scheme and host,
   * punycode, dotted IPv4, default port dropped), without user info and fragment (never sent to the
   * server), escapes of unreserved characters decoded and other escapes in upper case (RFC 3986 s6.2.2).
   */
  url: string
  /** Host as in `url`: lower case, IPv6 in brackets, no trailing dot. */
  host: string
  /** The path is `/` and there is no query: the address names the site itself. */
  root: boolean
}

/** The key of an absolute http(s) URL, or null when it is not one. */
export function urlKey(raw: string): UrlKey | null {
  const text = raw.trim()
  if (text.length === 0 || text.length > MAX_URL_LENGTH || !/^https?:\/\//i.test(text)) return null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  // `evil.example.` and `evil.example` are the same name in DNS.
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname
  if (host === '' || host.includes('..')) return null
  const path = normaliseEscapes(url.pathname)
  const query = normaliseEscapes(url.search)
  const port = url.port === '' ? '' : `:${url.port}`
  return { url: `${url.protocol}//${host}${port}${path}${query}`, host, root: path === '/' && query === '' }
}

/** What a lookup needs of one link: its key and the names a domain entry could list. */
export interface LookupKey extends UrlKey {
  /** The host and its parents down to the registered domain (`a.b.evil.co.uk`, `b.evil.co.uk`, `evil.co.uk`). */
  domains: string[]
}

export function lookupKey(raw: string): LookupKey | null {
  const key = urlKey(raw)
  if (!key) return null
  return { ...key, domains: parentDomains(key.host) }
}

/** `host` and its parents down to its registered domain; only `host` for IPs and bare suffixes. */
export function parentDomains(host: string): string[] {
  const registered = hostParts(host).registeredDomain
  const out = [host]
  if (!registered || registered === host) return out
  for (let h = host; h !== registered;) {
    h = h.slice(h.indexOf('.') + 1)
    out.push(h)
  }
  return out
}

function normaliseEscapes(text: string): string {
  if (!text.includes('%')) return text
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16))
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`
  })
}
