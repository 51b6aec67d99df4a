/** The client hop of a Received header (RFC 5321 s4.4): IP, reverse DNS name and HELO, as the receiving server recorded them. */
import { isIP } from 'node:net'
import { isPublicAddress } from '../../message/public-address.ts'

export interface ClientHop {
  ip: string
  /** The reverse DNS name the server recorded; null when it recorded none (or that there was none). */
  hostname: string | null
  helo: string | null
  /** The receiving server's name, lower case. */
  by: string | null
}

/** Received headers read; real chains have a few dozen at most, forged ones can have thousands. */
const MAX_RECEIVED = 50
/** Real Received headers stay under a kilobyte; longer ones are read by their head. */
const MAX_RECEIVED_LENGTH = 2048

/**
 * Servers write the client in many ways: `from helo (rdns [ip])` (Postfix, Gmail, Sendmail),
 * `from helo (unknown [ip])` and `from helo ([ip])` (Postfix and Sendmail, no reverse DNS), `from rdns ([ip] helo=helo)` and
 * `from [ip] (helo=helo)` (Exim, with and without reverse DNS), `from helo (ip)` (Microsoft 365,
 * which records no reverse DNS name). Null when the header shows no client address.
 */
export function parseClientHop(header: string): ClientHop | null {
  const value = header.slice(0, MAX_RECEIVED_LENGTH)
  // The comment is read up to its first `)`: Sendmail nests "(may be forged)" inside it.
  const from = /^\s*from\s+(\S+)\s*(?:\(([^)]*))?/i.exec(value)
  if (!from) return null
  const first = from[1]!
  const comment = from[2] ?? ''
  const named = /\bhelo[=\s]+([^\s)\]]+)/i.exec(comment)
  const inComment = /\[(?:ipv6:)?([0-9a-f:.]+)\]/i.exec(comment)
  const bare = /^\s*(?:ipv6:)?([0-9a-f:.]+)\s*$/i.exec(comment)
  const literal = /^\[(?:ipv6:)?([0-9a-f:.]+)\]$/i.exec(first)
  const ip = inComment?.[1] ?? bare?.[1] ?? literal?.[1] ?? null
  if (!ip || isIP(ip) === 0) return null
  let hostname: string | null = null
  let helo: string | null = first
  if (literal) {
    // Exim writes the address alone when the client had no reverse DNS name.
    helo = named?.[1] ?? null
  } else if (named) {
    // Exim: the reverse DNS name first, the HELO inside.
    hostname = first
    helo = named[1]!
  } else if (inComment) {
    // Sendmail prefixes the ident user (`root@host [ip]`) and writes `([ip])` when the client had no
    // reverse DNS name.
    const word = comment.slice(0, inComment.index).trim().split(/\s+/)[0] ?? ''
    hostname = word.slice(word.lastIndexOf('@') + 1) || null
  }
  const by = /\bby\s+([^\s;()]+)/i.exec(value.slice(from[0].length))?.[1] ?? null
  return {
    ip,
    hostname:
      hostname && HOST.test(stripDot(hostname)) && !/^unknown$/i.test(hostname)
        ? stripDot(hostname).toLowerCase()
        : null,
    helo: helo ? stripDot(helo) : null,
    by: by ? stripDot(by).toLowerCase() : null,
  }
}

const HOST = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/i

/**
 * The client that handed the message to the organization: the topmost hop written by one of
 * `receivedBy` for a public address, or with no `receivedBy`, the topmost hop from a public address
 * (hops from private addresses are the organization's own relays). Hops below it were written by
 * the sender's side and prove nothing, so none is taken from there.
 */
export function clientHop(receivedHeaders: readonly string[], receivedBy: readonly string[]): ClientHop | null {
  for (const header of receivedHeaders.slice(0, MAX_RECEIVED)) {
    const hop = parseClientHop(header)
    if (!hop || !isPublicAddress(hop.ip)) continue
    if (receivedBy.length === 0) return hop
    if (hop.by && receivedBy.some((host) => hop.by === host || hop.by!.endsWith('.' + host))) return hop
  }
  return null
}

function stripDot(word: string): string {
  return word.replace(/\.$/, '')
}
