/** ParsedMessage: what every engine reads; built once per message by parseMessage. */
import type { Finding } from '@moat/contract'

export interface MailAddress {
  /** Display name as decoded from RFC 2047 words; empty when absent. */
  name: string
  /** The addr-spec, lower-cased domain, or empty when the header held none. */
  address: string
}

export interface HeaderField {
  /** Lower-case field name. */
  name: string
  /** Unfolded value, undecoded (RFC 5322 s2.2.3). */
  value: string
}

export interface Attachment {
  /** IMAP-style part number (`2`, `1.3`), or null when unknown. */
  partId: string | null
  filename: string | null
  /** Content-Type as declared by the sender (lower-case), never trusted for detection. */
  declaredType: string
  disposition: string | null
  /** Decoded size in bytes, counted in full even when the content was cut. */
  size: number
  /** Decoded content, cut to `limits.maxAttachmentBytes`. */
  content: Buffer
  truncated: boolean
  /** True when its transfer encoding could not be decoded to the end; `content` holds what was. */
  decodeFailed?: boolean
  /** True when the part is an attached message (message/rfc822). */
  isMessage: boolean
}

export interface MimeStructure {
  parts: number
  depth: number
}

export interface ParsedMessage {
  raw: Buffer
  sha256: string
  headers: HeaderField[]
  messageId: string | null
  subject: string | null
  date: Date | null
  from: MailAddress | null
  /** Every From address; more than one is legal (RFC 5322 s3.6.2) but unusual. */
  fromAll: MailAddress[]
  replyTo: MailAddress[]
  to: MailAddress[]
  cc: MailAddress[]
  text: string | null
  html: string | null
  attachments: Attachment[]
  structure: MimeStructure
  /** Problems met while parsing (MIME_MALFORMED, LIMIT_*), reported by the `mime` engine. */
  problems: Finding[]
}

/** First value of a header field, or null. */
export function headerValue(message: ParsedMessage, name: string): string | null {
  const lower = name.toLowerCase()
  return message.headers.find((h) => h.name === lower)?.value ?? null
}
