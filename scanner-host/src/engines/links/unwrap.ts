/** Undoing security-gateway link rewrites (Safe Links, URL Defense, Mimecast, Barracuda) offline. */
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
