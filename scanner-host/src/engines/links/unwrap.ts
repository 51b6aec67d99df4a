/** Undoing security-gateway rewrites (Safe Links, URL Defense, Mimecast, Barracuda) and open redirects offline. */
import { decodeProofpointV1V2, decodeProofpointV3 } from './proofpoint.ts'
import { percentDecode, rawQueryParam } from './percent.ts'

export interface Unwrapped {
  gateway: string
  /** The URL the gateway sends the reader to, or null when it cannot be known without clicking. */
  target: string | null
}

const SAFE_LINKS = /\.safelinks\.protection\.(?:outlook\.com|office365\.us|outlook\.de|partner\.outlook\.cn)$/
/** Mimecast protect links carry an opaque token: the target is stored at Mimecast, not in the URL. */
const MIMECAST_PROTECT = /^(?:protect[a-z0-9-]*\.mimecast\.com|[a-z0-9.-]+\.mimecastprotect\.com)$/

/** One rewrite layer undone, or null when `url` is not a known gateway's. `raw` is the URL as written. */
export function unwrapOnce(url: URL, raw: string): Unwrapped | null {
  const host = url.hostname
  if (SAFE_LINKS.test(host)) {
    // Microsoft Safe Links: the original URL, percent-encoded, in `url`.
    return { gateway: 'Microsoft Safe Links', target: url.searchParams.get('url') }
  }
  if (host === 'urldefense.proofpoint.com' || host === 'urldefense.com' || host === 'urldefense.us') {
    const target = url.pathname.startsWith('/v3/') ? decodeProofpointV3(raw) : decodeProofpointV1V2(url)
    return { gateway: 'Proofpoint URL Defense', target }
  }
  if (MIMECAST_PROTECT.test(host) && url.pathname.startsWith('/s/')) return { gateway: 'Mimecast', target: null }
  if (host.endsWith('.mimecast.com') && url.searchParams.has('url')) {
    return { gateway: 'Mimecast', target: url.searchParams.get('url') }
  }
  if (host === 'linkprotect.cudasvc.com') {
    // Barracuda Link Protection: the original URL, percent-encoded, in `a`.
    const a = rawQueryParam(url.search, 'a')
    return { gateway: 'Barracuda Link Protection', target: a === null ? null : percentDecode(a.replace(/\+/g, ' ')) }
  }
  return null
}

interface Redirector {
  name: string
  host: string | RegExp
  path: string
  /** Query parameters that carry the target, in order of preference. */
  params: readonly string[]
}

/**
 * Well-known open redirects whose target sits whole in a query parameter. Newsletters and social
 * sites route clicks through them, and phishers use them to borrow a trusted host; either way the
 * host that matters is the target. Hosts are anchored and fixed, so nobody else can pass for one.
 */
const REDIRECTORS: readonly Redirector[] = [
  {
    name: 'Google',
    host: /^(?:www\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/,
    path: '/url',
    params: ['q', 'url'],
  },
  { name: 'Facebook', host: /^(?:l|lm)\.facebook\.com$/, path: '/l.php', params: ['u'] },
  { name: 'Messenger', host: 'l.messenger.com', path: '/l.php', params: ['u'] },
  { name: 'Instagram', host: 'l.instagram.com', path: '/', params: ['u'] },
  { name: 'YouTube', host: /^(?:www\.|m\.)?youtube\.com$/, path: '/redirect', params: ['q'] },
  { name: 'LinkedIn', host: /^(?:www\.)?linkedin\.com$/, path: '/redir/redirect', params: ['url'] },
  { name: 'Tumblr', host: 't.umblr.com', path: '/redirect', params: ['z'] },
  { name: 'Slack', host: 'slack-redir.net', path: '/link', params: ['url'] },
  { name: 'VK', host: /^(?:m\.)?vk\.com$/, path: '/away.php', params: ['to'] },
  { name: 'Steam', host: 'steamcommunity.com', path: '/linkfilter/', params: ['url', 'u'] },
]

/** The target of a well-known open redirect (already percent-decoded), or null. */
export function openRedirect(url: URL): { via: string; target: string } | null {
  const host = url.hostname
  for (const r of REDIRECTORS) {
    if (url.pathname !== r.path || !(typeof r.host === 'string' ? host === r.host : r.host.test(host))) continue
    for (const param of r.params) {
      const target = url.searchParams.get(param)
      if (target) return { via: r.name, target }
    }
  }
  return null
}
