/** Header fields as mailparser hands them over: unfolding, addresses, dates, and the not-mail test. */
import type { AddressObject } from 'mailparser'
import type { HeaderField, MailAddress } from './parsed-message.ts'

/**
 * The Date header (RFC 5322 s3.6.1) as a Date, or null when missing or unreadable. Read from the
 * raw field because mailparser replaces an unreadable date with the current time.
 */
export function parseDate(headers: HeaderField[]): Date | null {
  const value = headers.find((h) => h.name === 'date')?.value
  // A real date-time is about 40 characters; anything far longer is not worth reading.
  if (!value || value.length > MAX_DATE_CHARS) return null
  // Drop a trailing comment such as "(UTC)" (RFC 5322 s3.2.2), which Date() does not accept.
  const open = value.lastIndexOf('(')
  const bare = open > 0 && value.trimEnd().endsWith(')') ? value.slice(0, open) : value
  const date = new Date(bare.trim())
  return Number.isNaN(date.getTime()) ? null : date
}

const MAX_DATE_CHARS = 200

/** Header fields every message carries at least one of (RFC 5322 s3.6 requires From and Date). */
const ESSENTIAL_FIELDS = new Set(['from', 'date', 'sender', 'message-id', 'subject', 'received'])
/** RFC 5322 s2.2: a field name is printable US-ASCII except the colon. */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/

/** Why the header block is not that of a message (random bytes, a binary file), or null. */
export function notMailReason(headers: HeaderField[]): string | null {
  if (headers.length === 0) return 'no header fields'
  if (!headers.some((h) => ESSENTIAL_FIELDS.has(h.name))) return 'none of From, Date, Subject, Message-ID or Received'
  const invalid = headers.filter((h) => !FIELD_NAME.test(h.name)).length
  if (invalid * 10 > headers.length) return `${invalid} of ${headers.length} header field names are not valid`
  return null
}

/** `Subject:\r\n  folded` -> { name: 'subject', value: 'folded' } (RFC 5322 s2.2.3 unfolding). */
export function unfoldHeaderLine(line: { key: string; line: string }): HeaderField {
  const colon = line.line.indexOf(':')
  const value = colon >= 0 ? line.line.slice(colon + 1) : ''
  return { name: line.key.toLowerCase(), value: value.replace(/\r?\n(?=[ \t])/g, '').trim() }
}

export function addresses(value: unknown): MailAddress[] {
  const objects = (Array.isArray(value) ? value : [value]) as (AddressObject | undefined)[]
  const out: MailAddress[] = []
  const visit = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group)
      else if (entry.address || entry.name) {
        out.push({ name: entry.name ?? '', address: normaliseAddress(entry.address ?? '') })
      }
    }
  }
  for (const object of objects) if (object && Array.isArray(object.value)) visit(object.value)
  return out
}

/** Domains are case-insensitive (RFC 5321 s2.4); local parts are left as written. */
function normaliseAddress(address: string): string {
  const at = address.lastIndexOf('@')
  return at < 0 ? address : address.slice(0, at) + address.slice(at).toLowerCase()
}

export function stringHeader(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return null
}
