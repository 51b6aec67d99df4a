/** The HTML documents of a message: its HTML body and its HTML attachments, decoded and cut to the limit. */
import { isUtf8 } from 'node:buffer'
import type { Attachment, ParsedMessage } from '../../message/parsed-message.ts'

export interface HtmlDocument {
  /** `HTML body` or `attachment <name>`, for evidence. */
  where: string
  /** The attachment's name, or null for the body. */
  attachmentName: string | null
  html: string
}

const HTML_NAME = /\.(?:html?|xhtml|shtml|svg|hta)$/i
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml', 'image/svg+xml', 'application/hta'])
/**
 * The WHATWG MIME sniffing "HTML" patterns (plus `<svg`): what a browser treats as HTML whatever
 * the name says. Each must be followed by a space or `>`, except the comment opener.
 */
const HTML_SNIFF =
  /^(?:<!--|<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg)[\s>])/i

/** Yields the documents lazily, so an aborted scan never decodes the rest. */
export function* htmlDocuments(
  message: ParsedMessage,
  maxBytes: number,
  scanAttachments: boolean,
): Generator<HtmlDocument> {
  if (maxBytes === 0) return
  if (message.html) yield { where: 'HTML body', attachmentName: null, html: cutString(message.html, maxBytes) }
  if (!scanAttachments) return
  for (const attachment of message.attachments) {
    if (attachment.isMessage || !isHtmlAttachment(attachment)) continue
    const name = attachment.filename ?? attachment.partId ?? '(unnamed)'
    yield { where: `attachment ${name}`, attachmentName: name, html: decode(cutBytes(attachment.content, maxBytes)) }
  }
}

export function isHtmlAttachment(attachment: Attachment): boolean {
  if (attachment.filename && HTML_NAME.test(attachment.filename.trim())) return true
  if (HTML_TYPES.has(attachment.declaredType)) return true
  return HTML_SNIFF.test(decode(attachment.content.subarray(0, 512)).replace(/^[\s\ufeff]+/, ''))
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character. */
function cutString(text: string, maxBytes: number): string {
  // Each UTF-16 unit is at most 3 UTF-8 bytes, so short strings need no byte count.
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return text
  return cutBytes(Buffer.from(text), maxBytes).toString('utf8')
}

/** Cuts to at most `maxBytes`, backing off to the start of a UTF-8 sequence. */
function cutBytes(bytes: Buffer, maxBytes: number): Buffer {
  if (bytes.length <= maxBytes) return bytes
  let end = maxBytes
  while (end > maxBytes - 4 && end > 0 && (bytes[end]! & 0xc0) === 0x80) end--
  return bytes.subarray(0, end)
}

/** UTF-16 by its byte-order mark (pages are re-encoded to slip past byte filters), else UTF-8, else Latin-1. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)))
    return swapped.swap16().toString('utf16le')
  }
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1')
}
