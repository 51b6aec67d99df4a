/** normaliseUrl: a link reduced to what a campaign keeps constant, without per-recipient tokens. */

/** Query parameters that only track the click (ad networks, mail service providers). */
const TRACKING_PARAMS = new Set([
  'gclid',
  'gclsrc',
  'dclid',
  'fbclid',
  'msclkid',
  'yclid',
  'igshid',
  'twclid',
  'ttclid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'rb_clickid',
  's_cid',
  'trk',
  'ref',
])

/** A path segment or value that looks generated: long, and mixing digits with letters. */
const TOKEN_LIKE = /^(?=[^/]*\d)(?=[^/]*[a-z])[a-z0-9_=+~.-]{8,}$|^\d{4,}$/

/**
 * Host, path and the names of the query parameters that are not tracking, all lower-cased.
 * Values are dropped and token-like path segments become `*`: campaigns put a recipient's
 * token there, and it must not make two copies of one campaign look different.
 */
export function normaliseUrl(url: string): string {
  const trimmed = url.trim().toLowerCase()
  const withoutScheme = trimmed.replace(/^[a-z][a-z0-9+.-]*:(\/\/)?/, '')
  const hashAt = withoutScheme.indexOf('#')
  const beforeHash = hashAt >= 0 ? withoutScheme.slice(0, hashAt) : withoutScheme
  const queryAt = beforeHash.indexOf('?')
  const pathPart = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : ''
  const path = pathPart
    .split('/')
    .map((segment) => (TOKEN_LIKE.test(segment) ? '*' : segment))
    .join('/')
  const names = query
    .split('&')
    .map((pair) => pair.split('=', 1)[0]!)
    .filter((name) => name && !name.startsWith('utm_') && !TRACKING_PARAMS.has(name))
    .sort()
  return names.length > 0 ? `${path}?${names.join('&')}` : path
}
