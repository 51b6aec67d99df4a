/** Received headers (RFC 5321 s4.4): the client that handed the message to the organization, and the envelope sender. */
import { isIP } from 'node:net'
import type { HeaderField } from '../../message/parsed-message.ts'
import { isPublicAddress } from '../../message/public-address.ts'

export interface ReceivedHop {
  /** The name the client gave in HELO/EHLO, when the header shows it. */
  helo: string | null
  /** The client's address as the receiving server saw it. */
  ip: string | null
  /** The receiving server's name, lower case. */
  by: string | null
  /** `envelope-from` when the server writes it (Exim); '' for the null sender. */
  envelopeFrom: string | null
  date: Date | null
  /** The header value, cut for evidence. */
  text: string
}

/** Received headers read; real chains have a few dozen at most, forged ones can have thousands. */
const MAX_RECEIVED = 50
/** Real Received headers stay under a kilobyte; longer ones are read by their head. */
const MAX_RECEIVED_LENGTH = 2048
const CLAUSES = new Set(['from', 'by', 'via', 'with', 'id', 'for'])

/**
 * Reads the parts of one Received header that matter for SPF. Servers write the client in many
 * ways: `from helo (rdns [ip])` (Postfix, Gmail), `from rdns ([ip] helo=helo)` (Exim),
 * `from helo (ip)` (Microsoft 365), `from unknown (HELO helo) (ip)` (qmail).
 */
export function parseReceived(header: string): ReceivedHop {
  const value = header.slice(0, MAX_RECEIVED_LENGTH)
  const semicolon = topLevelSemicolon(value)
  const body = semicolon >= 0 ? value.slice(0, semicolon) : value
  const date = semicolon >= 0 ? parseDate(value.slice(semicolon + 1)) : null
  const fromWords: string[] = []
  const fromComments: string[] = []
  const allComments: string[] = []
  let by: string | null = null
  let clause = ''
  for (const token of tokens(body)) {
    if (token.comment) {
      allComments.push(token.text)
      if (clause === 'from') fromComments.push(token.text)
      continue
    }
    const word = token.text.toLowerCase()
    if (CLAUSES.has(word)) {
      clause = word
      continue
    }
    if (clause === 'from') fromWords.push(token.text)
    else if (clause === 'by' && by === null) by = hostName(token.text)
  }
  const first = fromWords[0] ?? null
  let helo = first
  let ip: string | null = null
  for (const comment of fromComments) {
    ip ??= addressIn(comment)
    const named = /(?:^|[\s(])helo[=\s]+([^\s)]+)/i.exec(comment)
    if (named) helo = named[1]!
  }
  if (first && ip === null) ip = addressIn(first)
  const envelope = /envelope-from\s*<([^>]*)>/i.exec(allComments.join(' ') + ' ' + body)
  return {
    helo: helo && helo.toLowerCase() !== 'unknown' ? stripDot(helo) : null,
    ip,
    by,
    envelopeFrom: envelope ? envelope[1]!.trim() : null,
    date,
    text: value.slice(0, 300),
  }
}

/**
 * The hop where the message entered the organization: the topmost Received header written by
 * one of `receivedBy` for a client at a public address. Headers above it are the organization's
 * own internal hops; headers below it were written by the sender's side and prove nothing.
 */
export function borderHop(headers: readonly HeaderField[], receivedBy: readonly string[]): ReceivedHop | null {
  if (receivedBy.length === 0) return null
  for (const value of receivedValues(headers)) {
    const hop = parseReceived(value)
    if (hop.by && hop.ip && isPublicAddress(hop.ip) && receivedBy.some((host) => isSameOrUnder(hop.by!, host))) {
      return hop
    }
  }
  return null
}

/** When the organization's topmost server got the message: DKIM expiry is judged then, not at scan time. */
export function deliveryTime(headers: readonly HeaderField[]): Date | null {
  for (const value of receivedValues(headers)) {
    const date = parseReceived(value).date
    if (date) return date
  }
  return null
}

/**
 * MAIL FROM: the hop's `envelope-from`, else the topmost Return-Path, which the delivering server
 * writes (RFC 5321 s4.4). '' is the null sender of bounces; null when neither is there.
 */
export function envelopeSender(headers: readonly HeaderField[], hop: ReceivedHop | null): string | null {
  if (hop?.envelopeFrom != null) return hop.envelopeFrom
  const returnPath = headers.find((h) => h.name === 'return-path')
  if (!returnPath) return null
  const angle = /<([^>]*)>/.exec(returnPath.value)
  return (angle ? angle[1]! : returnPath.value).trim()
}

function receivedValues(headers: readonly HeaderField[]): string[] {
  const values: string[] = []
  for (const header of headers) {
    if (header.name !== 'received') continue
    values.push(header.value)
    if (values.length >= MAX_RECEIVED) break
  }
  return values
}

function isSameOrUnder(host: string, domain: string): boolean {
  return host === domain || host.endsWith('.' + domain)
}

/** The first address in `[ip]`, `[IPv6:ip]`, `(ip)` or a bare `ip` word. */
function addressIn(text: string): string | null {
  for (const match of text.matchAll(/\[(?:ipv6:)?([0-9a-f:.]+)\]/gi)) {
    if (isIP(match[1]!) !== 0) return match[1]!
  }
  for (const word of text.split(/[\s()[\]]+/)) {
    const candidate = word.replace(/^ipv6:/i, '')
    if (isIP(candidate) !== 0) return candidate
  }
  return null
}

function hostName(word: string): string | null {
  const host = stripDot(word.toLowerCase())
  return host === '' ? null : host
}

function stripDot(word: string): string {
  return word.replace(/\.$/, '')
}

function parseDate(text: string): Date | null {
  const date = new Date(text.trim().replace(/\s*\([^)]*\)\s*$/, ''))
  return Number.isNaN(date.getTime()) ? null : date
}

/** Words and (nested) comments of a header value, in order. */
function tokens(value: string): { text: string; comment: boolean }[] {
  const out: { text: string; comment: boolean }[] = []
  let word = ''
  let comment = ''
  let depth = 0
  const flush = () => {
    if (word) out.push({ text: word, comment: false })
    word = ''
  }
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!
    if (depth > 0) {
      if (c === '\\') comment += value[++i] ?? ''
      else if (c === '(') {
        depth++
        comment += c
      } else if (c === ')' && --depth === 0) {
        out.push({ text: comment.trim(), comment: true })
        comment = ''
      } else comment += c
    } else if (c === '(') {
      flush()
      depth = 1
    } else if (/\s/.test(c)) flush()
    else word += c
  }
  flush()
  if (comment) out.push({ text: comment.trim(), comment: true })
  return out
}

/** Position of the `;` before the date, outside comments, or -1. */
function topLevelSemicolon(value: string): number {
  let depth = 0
  let last = -1
  for (let i = 0; i < value.length; i++) {
    const c = value[i]
    if (c === '\\') i++
    else if (c === '(') depth++
    else if (c === ')' && depth > 0) depth--
    else if (c === ';' && depth === 0) last = i
  }
  return last
}
