/** extractLinks: every http(s) link of a message (text body and HTML anchors), rewrites undone. */
import { HostCache } from '../../domains/registered-domain.ts'
import type { Limits } from '../../limits.ts'
import type { ParsedMessage } from '../../message/parsed-message.ts'
import type { Deadline } from '../engine.ts'
import { anchorsInHtml } from './html-anchors.ts'
import { writtenHostOf } from './ip-host.ts'
import type { Link, LinkSource } from './link.ts'
import { urlsInText } from './text-urls.ts'
import { openRedirect, unwrapOnce } from './unwrap.ts'

/** URLs are cut here before parsing: hosts come first, and real links stay far below 8 KiB. */
const MAX_URL_LENGTH = 8192
/**
 * Gateways wrapping gateways (Safe Links around URL Defense, a redirect) are undone this many layers
 * deep. A link still wrapped after that has an unknown target: it is reported as rewritten with a
 * hidden target and not judged by the wrapper's host (four nested google.com/url are not google.com).
 */
const MAX_UNWRAP_DEPTH = 3

export interface ExtractOptions {
  /** Stops reading once passed; the caller must then treat the links as incomplete. */
  deadline?: Deadline
  /** Shared with later checks so each host is parsed once per message. */
  cache?: HostCache
}

export interface ExtractedLinks {
  links: Link[]
  /** True when the message had more links than `limits.maxLinks`; the rest were not read. */
  truncated: boolean
}

/**
 * Links of `message`: HTML anchors first (they carry displayed text), then URLs in the text body
 * that the HTML body did not already have (multipart/alternative repeats every link), together at
 * most `limits.maxLinks`; each body is read up to `limits.maxHtmlBytes` characters. Links that are
 * not http(s) (mailto:, relative, javascript:) and URLs that do not parse are skipped.
 *
 * @example extractLinks(message, ctx.limits).links.map((l) => l.registeredDomain)
 */
export function extractLinks(
  message: Pick<ParsedMessage, 'text' | 'html'>,
  limits: Pick<Limits, 'maxLinks' | 'maxHtmlBytes'>,
  options: ExtractOptions = {},
): ExtractedLinks {
  const cache = options.cache ?? new HostCache()
  const { deadline } = options
  const links: Link[] = []
  const hrefs = new Set<string>()
  // One link more than the limit is looked for, to tell a message at the limit from one past it.
  const room = () => limits.maxLinks + 1 - links.length
  if (message.html) {
    const html = message.html.slice(0, limits.maxHtmlBytes)
    for (const anchor of anchorsInHtml(html, room(), { deadline, keep: looksHttp })) {
      const link = toLink(anchor.href, 'html', cache, anchor.text)
      if (!link) continue
      links.push(link)
      hrefs.add(anchor.href.trim())
    }
  }
  if (message.text && room() > 0 && !deadline?.passed()) {
    const text = message.text.slice(0, limits.maxHtmlBytes)
    for (const url of urlsInText(text, room(), { deadline, known: hrefs })) {
      const link = toLink(url, 'text', cache)
      if (link) links.push(link)
    }
  }
  const truncated = links.length > limits.maxLinks
  return { links: truncated ? links.slice(0, limits.maxLinks) : links, truncated }
}

/** Cheap pre-check so that mailto:, tel: and #fragment anchors do not use up the link budget. */
function looksHttp(href: string): boolean {
  const h = href.trimStart()
  return h.startsWith('//') || /^https?:/i.test(h)
}

/** Parses one written URL into a Link, undoing gateway rewrites; null when it is not an http(s) URL. */
export function toLink(written: string, source: LinkSource, cache: HostCache, displayedText?: string): Link | null {
  let raw = written.trim().slice(0, MAX_URL_LENGTH)
  if (raw.startsWith('//')) raw = `https:${raw}`
  let url = parseHttpUrl(raw)
  if (!url) return null
  const original = raw
  const gateways: string[] = []
  const redirects: string[] = []
  let targetKnown = true
  for (let depth = 0; ; depth++) {
    const layer = unwrapOnce(url, raw)
    if (depth === MAX_UNWRAP_DEPTH) {
      const wrapper = layer?.gateway ?? stillRedirects(url)
      if (wrapper) {
        gateways.push(`${wrapper} (nested too deep to follow)`)
        targetKnown = false
      }
      break
    }
    if (!layer) {
      // An open redirect is not a gateway: no LINK_REWRITTEN, and without a usable target the
      // redirect URL itself is judged as written.
      const redirect = openRedirect(url)
      const target = redirect && parseHttpUrl(redirect.target.trim())
      if (!redirect || !target) break
      redirects.push(redirect.via)
      url = target
      raw = redirect.target.trim()
      continue
    }
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
  if (redirects.length > 0) link.redirectedVia = [...new Set(redirects)].join(' and ')
  if (gateways.length > 0) {
    link.rewrittenBy = [...new Set(gateways)].join(' and ')
    link.rewrittenUrl = original
    link.targetKnown = targetKnown
  }
  return link
}

/** The name of the open redirect `url` goes through when its target is a usable http(s) URL, or null. */
function stillRedirects(url: URL): string | null {
  const redirect = openRedirect(url)
  return redirect && parseHttpUrl(redirect.target.trim()) ? redirect.via : null
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
