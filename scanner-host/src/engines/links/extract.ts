/** extractLinks: every http(s) link of a message (text body and HTML anchors), rewrites undone. */
import { HostCache } from '../../domains/registered-domain.ts'
import type { Limits } from '../../limits.ts'
import type { ParsedMessage } from '../../message/parsed-message.ts'
import { anchorsInHtml } from './html-anchors.ts'
import { writtenHostOf } from './ip-host.ts'
import type { Link, LinkSource } from './link.ts'
import { urlsInText } from './text-urls.ts'
import { unwrapOnce } from './unwrap.ts'

/** URLs are cut here before parsing: hosts come first, and real links stay far below 8 KiB. */
const MAX_URL_LENGTH = 8192
/** Gateways wrapping gateways (Safe Links around URL Defense) are undone this many layers deep. */
const MAX_UNWRAP_DEPTH = 3

export interface ExtractOptions {
  signal?: AbortSignal
  /** Shared with later checks so each host is parsed once per message. */
  cache?: HostCache
}

/**
 * Links of `message`: HTML anchors first (they carry displayed text), then URLs in the text body,
 * together at most `limits.maxLinks`; each body is read up to `limits.maxHtmlBytes` characters.
 * Links that are not http(s) (mailto:, relative, javascript:) and URLs that do not parse are skipped.
 *
 * @example extractLinks(message, ctx.limits).map((l) => l.registeredDomain)
 */
export function extractLinks(
  message: Pick<ParsedMessage, 'text' | 'html'>,
  limits: Pick<Limits, 'maxLinks' | 'maxHtmlBytes'>,
  options: ExtractOptions = {},
): Link[] {
  const cache = options.cache ?? new HostCache()
  const links: Link[] = []
  const room = () => limits.maxLinks - links.length
  if (message.html && room() > 0) {
    for (const anchor of anchorsInHtml(message.html.slice(0, limits.maxHtmlBytes), room(), options.signal)) {
      const link = toLink(anchor.href, 'html', cache, anchor.text)
      if (link) links.push(link)
    }
  }
  if (message.text && room() > 0 && !options.signal?.aborted) {
    for (const url of urlsInText(message.text.slice(0, limits.maxHtmlBytes), room(), options.signal)) {
      const link = toLink(url, 'text', cache)
      if (link) links.push(link)
    }
  }
  return links
}

/** Parses one written URL into a Link, undoing gateway rewrites; null when it is not an http(s) URL. */
export function toLink(written: string, source: LinkSource, cache: HostCache, displayedText?: string): Link | null {
  let raw = written.trim().slice(0, MAX_URL_LENGTH)
  if (raw.startsWith('//')) raw = `https:${raw}`
  let url = parseHttpUrl(raw)
  if (!url) return null
  const original = raw
  const gateways: string[] = []
  let targetKnown = true
  for (let depth = 0; depth < MAX_UNWRAP_DEPTH; depth++) {
    const layer = unwrapOnce(url, raw)
    if (!layer) break
    gateways.push(layer.gateway)
    const target = layer.target === null ? null : parseHttpUrl(layer.target.trim())
    if (!target || layer.target === null) {
      targetKnown = false
      break
    }
    url = target
    raw = layer.target.trim()
  }
  const host = url.hostname
  const link: Link = {
    url: url.href,
    host,
    writtenHost: writtenHostOf(raw),
    registeredDomain: cache.get(host).registeredDomain,
    source,
  }
  if (displayedText !== undefined) link.displayedText = displayedText
  if (gateways.length > 0) {
    link.rewrittenBy = [...new Set(gateways)].join(' and ')
    link.rewrittenUrl = original
    link.targetKnown = targetKnown
  }
  return link
}

/** A WHATWG URL (as browsers parse it) when `raw` is an absolute http(s) URL with a host. */
function parseHttpUrl(raw: string): URL | null {
  if (!/^https?:/i.test(raw)) return null
  try {
    const url = new URL(raw)
    return url.hostname === '' ? null : url
  } catch {
    return null
  }
}
