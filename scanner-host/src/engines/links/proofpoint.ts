/** Proofpoint URL Defense rewrites (v1, v2, v3) decoded offline, following Proofpoint's published decoder. */
import { percentDecode, rawQueryParam } from './percent.ts'

/**
 * v1 `urldefense.proofpoint.com/v1/url?u=<percent-encoded URL>&k=...`.
 * v2 `urldefense.proofpoint.com/v2/url?u=<URL>&d=...`: the URL is percent-encoded with `-` in
 * place of `%` and `_` in place of `/` (so `https://` reads `https-3A__`).
 */
export function decodeProofpointV1V2(url: URL): string | null {
  const version = url.pathname.startsWith('/v1/') ? 1 : url.pathname.startsWith('/v2/') ? 2 : 0
  if (version === 0) return null
  const raw = rawQueryParam(url.search, 'u')
  if (!raw) return null
  const encoded = version === 2 ? raw.replace(/[-_]/g, (c) => (c === '-' ? '%' : '/')) : raw
  return unescapeAmp(percentDecode(encoded))
}

/** Run lengths of `**X` tokens: A-Z = 2..27, a-z = 28..53, 0-9 = 54..63, '-' = 64, '_' = 65. */
const RUN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * v3 `urldefense.com/v3/__<URL>__;<base64url>!!<customer>!<signature>$`. The URL is kept almost as
 * written, but characters Proofpoint must not leave in place are replaced: each `*` stands for the
 * next character of the base64url-decoded block after `__;`, and `**X` for a run of them whose
 * length X encodes (RUN_ALPHABET). Scheme slashes may be cut to one (`https:/host`), and the URL is
 * percent-decoded before the substitution. Read from the raw text because the embedded `?` and `#`
 * would otherwise become the outer URL's query and fragment.
 */
export function decodeProofpointV3(raw: string): string | null {
  const start = raw.indexOf('/v3/__')
  if (start < 0) return null
  const end = raw.indexOf('__;', start + 6)
  if (end < 0) return null
  let target = raw.slice(start + 6, end)
  const tail = raw.slice(end + 3)
  const bang = tail.indexOf('!')
  const block = bang < 0 ? tail : tail.slice(0, bang)
  target = target.replace(/^([a-z0-9+.-]+:\/)(?!\/)/i, '$1/')
  target = percentDecode(target)
  if (!target.includes('*')) return target
  const replacements = Array.from(Buffer.from(block, 'base64url').toString('utf8'))
  return substitute(target, replacements)
}

/** Replaces `*` and `**X` tokens left to right; tokens past the end of the block stay as written. */
function substitute(text: string, replacements: string[]): string {
  let out = ''
  let next = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char !== '*') {
      out += char
      continue
    }
    const run = text[i + 1] === '*' ? RUN_ALPHABET.indexOf(text[i + 2] ?? '') : -1
    const length = run >= 0 ? run + 2 : 1
    if (next + length > replacements.length) {
      out += text.slice(i)
      break
    }
    out += replacements.slice(next, next + length).join('')
    next += length
    if (run >= 0) i += 2
  }
  return out
}

function unescapeAmp(text: string): string {
  return text.replace(/&amp;/g, '&')
}
