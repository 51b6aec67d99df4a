/** parseAuthenticationResults: the Authentication-Results header field (RFC 8601 s2.2), read leniently. */

export interface MethodResult {
  /** `spf`, `dkim`, `dmarc`, `arc`, ... lower case, without a `/version`. */
  method: string
  /** `pass`, `fail`, ... lower case. */
  result: string
  /** `reason=` when given. */
  reason: string | null
  /** `ptype.property` -> value, keys lower case: `header.d`, `smtp.mailfrom`, `header.from`. */
  props: Record<string, string>
  /** Comments in this result, joined (Gmail puts the DMARC policy there: `(p=REJECT sp=REJECT dis=NONE)`). */
  comment: string
}

export interface AuthenticationResults {
  /** The server that wrote the header (RFC 8601 s2.5), lower case; null when missing (Microsoft 365 writes none). */
  authservId: string | null
  results: MethodResult[]
}

/** Longer values are cut: a real header lists a few results, a hostile one can be megabytes. */
const MAX_VALUE = 16 * 1024
const MAX_RESULTS = 50

/**
 * `authserv-id [version]; method=result [reason=...] [ptype.prop=value ...]; ...`. Comments may
 * nest and values may be quoted. A first part that already holds `method=result` means the
 * authserv-id is missing; the part is then read as a result, and nobody can be trusted for it.
 */
export function parseAuthenticationResults(value: string): AuthenticationResults {
  const parts = splitParts(value.slice(0, MAX_VALUE))
  let authservId: string | null = null
  const head = parts[0]
  if (head && !head.text.includes('=')) {
    const id = head.text.trim().split(/\s+/)[0] ?? ''
    authservId = unquote(id).toLowerCase() || null
    parts.shift()
  }
  const results: MethodResult[] = []
  for (const part of parts) {
    if (results.length >= MAX_RESULTS) break
    const result = parseResult(part)
    if (result) results.push(result)
  }
  return { authservId, results }
}

/** `i=1; authserv-id; results`: an ARC-Authentication-Results value (RFC 8617 s4.1.1) with its instance. */
export function parseArcAuthenticationResults(value: string): { instance: number | null } & AuthenticationResults {
  const match = /^\s*i\s*=\s*(\d+)\s*;/.exec(value)
  if (!match) return { instance: null, ...parseAuthenticationResults(value) }
  return { instance: Number(match[1]), ...parseAuthenticationResults(value.slice(match[0].length)) }
}

function parseResult(part: Part): MethodResult | null {
  if (/^\s*none\s*$/i.test(part.text)) return null
  const pairs = keyValues(part.text)
  const first = pairs[0]
  if (!first) return null
  const props: Record<string, string> = {}
  let reason: string | null = null
  for (const [name, val] of pairs.slice(1)) {
    const key = name.toLowerCase()
    if (key === 'reason') reason = val
    else if (!Object.hasOwn(props, key) && key !== '__proto__') props[key] = val
  }
  return {
    method: first[0].toLowerCase().replace(/\/.*$/, ''),
    result: first[1].toLowerCase(),
    reason,
    props,
    comment: part.comments.join(' '),
  }
}

interface Part {
  /** The part without its comments. */
  text: string
  comments: string[]
}

/** Splits on `;` outside quotes and comments; comments are taken out and kept apart. */
function splitParts(value: string): Part[] {
  const parts: Part[] = []
  let part: Part = { text: '', comments: [] }
  let comment = ''
  let depth = 0
  let quoted = false
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!
    if (depth > 0) {
      if (c === '\\') comment += value[++i] ?? ''
      else if (c === '(') {
        depth++
        comment += c
      } else if (c === ')' && --depth === 0) {
        part.comments.push(comment.trim())
        part.text += ' '
        comment = ''
      } else comment += c
    } else if (quoted) {
      part.text += c
      if (c === '\\') part.text += value[++i] ?? ''
      else if (c === '"') quoted = false
    } else if (c === '(') depth = 1
    else if (c === '"') {
      quoted = true
      part.text += c
    } else if (c === ';') {
      parts.push(part)
      part = { text: '', comments: [] }
    } else part.text += c
  }
  if (comment) part.comments.push(comment.trim())
  parts.push(part)
  return parts
}

const SPACE = /\s/

/**
 * `key = value` pairs, values quoted or not; words that are not part of a pair are skipped. One
 * pass over the text: a regular expression here backtracks quadratically on a long word
 * without `=`, which a hostile header can supply.
 */
function keyValues(text: string): [string, string][] {
  const pairs: [string, string][] = []
  const n = text.length
  let i = 0
  const skipSpace = () => {
    while (i < n && SPACE.test(text[i]!)) i++
  }
  while (i < n) {
    skipSpace()
    const start = i
    while (i < n && !SPACE.test(text[i]!) && text[i] !== '=' && text[i] !== '"') i++
    const key = text.slice(start, i)
    skipSpace()
    if (key === '' || text[i] !== '=') {
      if (i === start) i++
      continue
    }
    i++
    skipSpace()
    const valueStart = i
    if (text[i] === '"') {
      for (i++; i < n && text[i] !== '"'; i++) if (text[i] === '\\') i++
      i++
    } else {
      while (i < n && !SPACE.test(text[i]!) && text[i] !== '"') i++
    }
    pairs.push([key, unquote(text.slice(valueStart, Math.min(i, n)))])
  }
  return pairs
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1')
  }
  return value
}
