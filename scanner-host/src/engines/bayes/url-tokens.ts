/** Hosts of the URLs in a message as `url:` tokens: where a message sends its reader says much about it. */
import { hostParts } from '../../domains/registered-domain.ts'
import type { TokenBag } from './token-bag.ts'

/** URLs written in plain text: with a scheme, or bare `www.` names that mail clients make links of. */
const TEXT_URL = /\b(?:https?:\/\/|www\.)[^\s"'<>()[\]{}\\^`|]+/gi
const SCHEME = /^[a-z][a-z0-9+.-]*:/i
const HOST = /^[\p{L}\p{N}.-]+$/u

/** URLs in `text`, at most `max`. */
export function textUrls(text: string, max: number): string[] {
  const urls: string[] = []
  if (max <= 0) return urls
  for (const match of text.matchAll(TEXT_URL)) {
    urls.push(match[0])
    if (urls.length >= max) break
  }
  return urls
}

/** The lower-case host of an absolute http(s) URL or a bare `www.` name; null for anything else. */
export function urlHost(url: string): string | null {
  let rest = url.trim()
  if (SCHEME.test(rest)) {
    const lower = rest.slice(0, 8).toLowerCase()
    if (lower.startsWith('http://')) rest = rest.slice(7)
    else if (lower.startsWith('https://')) rest = rest.slice(8)
    else return null
  } else if (!rest.toLowerCase().startsWith('www.')) return null
  rest = rest.replace(/^[/\\]+/, '')
  const end = rest.search(/[/?#\\]/)
  let host = end >= 0 ? rest.slice(0, end) : rest
  host = host.slice(host.lastIndexOf('@') + 1).replace(/:\d*$/, '')
  host = host.toLowerCase().replace(/\.$/, '')
  return host.length > 0 && host.length <= 255 && HOST.test(host) ? host : null
}

/**
 * `url:host` and, when it differs, `url:registered-domain`: the first tells one sender's links
 * apart, the second carries over to their other hosts. IP hosts share one `url:ip` token.
 */
export function addUrlTokens(urls: readonly string[], bag: TokenBag): void {
  const seen = new Set<string>()
  for (const url of urls) {
    if (bag.full) return
    const host = urlHost(url)
    if (!host || seen.has(host)) continue
    seen.add(host)
    const parts = hostParts(host)
    if (parts.isIp) {
      bag.add('url:ip')
      continue
    }
    bag.add(`url:${host}`)
    if (parts.registeredDomain && parts.registeredDomain !== host) bag.add(`url:${parts.registeredDomain}`)
  }
}
