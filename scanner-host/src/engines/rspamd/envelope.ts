/** rspamdEnvelope: the SMTP facts Rspamd reads from request headers (IP, HELO, From, Rcpt...), recovered from a delivered message. */
import type { ParsedMessage } from '../../message/parsed-message.ts'
import { clientHop } from './received.ts'

/**
 * Rspamd's protocol headers (rspamd.com/doc/developers/protocol.html). An MTA knows these from
 * the SMTP session; Moat reads delivered mail, so it takes them from what the receiving servers
 * wrote into the message, and leaves out what they did not write rather than guess.
 */
export interface RspamdEnvelope {
  /** The client that handed the message to the organization. */
  ip?: string
  /**
   * Its reverse DNS name as the receiving server recorded it. Left out when the server recorded
   * none: Rspamd then looks the address up itself, as it does for an MTA that passes none (3.4
   * takes a literal `unknown` as a host name and skips its reverse DNS checks).
   */
  hostname?: string
  helo?: string
  /** MAIL FROM; `<>` for the null sender of bounces. */
  from?: string
  /** RCPT TO, one header each. */
  rcpt: string[]
  /** The mailbox the message was delivered to. */
  deliverTo?: string
  /** Rspamd logs and keeps it in its history: the start of Moat's sha256 finds the scan record. */
  queueId: string
}

/** Envelope recipients kept; a delivered copy has one, a few with aliases. */
const MAX_RCPT = 20

/**
 * `User` is never sent: it tells Rspamd the message was submitted by that authenticated user, and
 * Rspamd then skips the checks for inbound mail (blocklists, SPF, HELO and host checks), which
 * would wave through exactly the mail Moat scans.
 */
export function rspamdEnvelope(message: ParsedMessage, receivedBy: readonly string[]): RspamdEnvelope {
  const values = (name: string) => message.headers.filter((h) => h.name === name).map((h) => h.value)
  const hop = clientHop(values('received'), receivedBy)
  const delivered = unique([...values('delivered-to'), ...values('x-original-to')].map(bareAddress)).filter(isAddress)
  const returnPath = values('return-path')[0]
  const from = returnPath === undefined ? undefined : bareAddress(returnPath)
  return {
    ...(hop ? { ip: hop.ip } : {}),
    ...(hop?.hostname ? { hostname: hop.hostname } : {}),
    ...(hop?.helo && printable(hop.helo) ? { helo: hop.helo } : {}),
    // The topmost Return-Path is the delivering server's record of MAIL FROM (RFC 5321 s4.4).
    ...(from === '' ? { from: '<>' } : from && isAddress(from) ? { from } : {}),
    rcpt: delivered.slice(0, MAX_RCPT),
    ...(delivered[0] ? { deliverTo: delivered[0] } : {}),
    queueId: `moat-${message.sha256.slice(0, 20)}`,
  }
}

/** Request headers for /checkv2: HTTP carries several `Rcpt` headers as an array. */
export function envelopeHeaders(envelope: RspamdEnvelope): Record<string, string | string[]> {
  return {
    ...(envelope.ip ? { IP: envelope.ip } : {}),
    ...(envelope.hostname ? { Hostname: envelope.hostname } : {}),
    ...(envelope.helo ? { Helo: envelope.helo } : {}),
    ...(envelope.from ? { From: envelope.from } : {}),
    ...(envelope.rcpt.length > 0 ? { Rcpt: envelope.rcpt } : {}),
    ...(envelope.deliverTo ? { 'Deliver-To': envelope.deliverTo } : {}),
    'Queue-Id': envelope.queueId,
  }
}

/** `<a@b>` or `Name <a@b>` -> `a@b`; '' for `<>`. */
function bareAddress(value: string): string {
  const angle = /<([^<>]*)>/.exec(value)
  return (angle ? angle[1]! : value).trim()
}

/** One addr-spec in printable ASCII (HTTP headers carry nothing else safely), at most 254 bytes (RFC 5321 s4.5.3.1.3). */
function isAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@<>",]+@[^\s@<>",]+$/.test(value) && printable(value)
}

function printable(value: string): boolean {
  return /^[\x21-\x7e]{1,255}$/.test(value)
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
