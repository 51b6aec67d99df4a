/** Test helper: hostile messages (huge, deeply nested, truncated, random) built on demand, never stored. */
import { randomBytes } from 'node:crypto'

/** A multipart message nested `depth` levels deep around one text part. */
export function nestedMessage(depth: number): Buffer {
  let body = 'Content-Type: text/plain\r\n\r\nhello from the bottom\r\n'
  for (let level = depth - 1; level >= 0; level--) {
    const boundary = `nest-${level}`
    body = `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n--${boundary}\r\n${body}\r\n--${boundary}--\r\n`
  }
  return Buffer.from(`From: deep@example.net\r\nTo: bob@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n${body}`)
}

/** A message of about `megabytes` MB: a text part and one base64 attachment of random bytes. */
export function bigMessage(megabytes: number): Buffer {
  const payload = randomBytes(Math.floor((megabytes * 1024 * 1024 * 3) / 4))
  const head =
    'From: big@example.org\r\nTo: bob@example.com\r\nSubject: big\r\nMIME-Version: 1.0\r\n' +
    'Content-Type: multipart/mixed; boundary="big"\r\n\r\n--big\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n' +
    '--big\r\nContent-Type: application/octet-stream; name="blob.bin"\r\n' +
    'Content-Disposition: attachment; filename="blob.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
  return Buffer.concat([Buffer.from(head), base64Lines(payload), Buffer.from('\r\n--big--\r\n')])
}

/** A message with `parts` sibling attachments. */
export function manyPartsMessage(parts: number): Buffer {
  const chunks = ['From: parts@example.org\r\nSubject: parts\r\nContent-Type: multipart/mixed; boundary="p"\r\n\r\n']
  for (let i = 0; i < parts; i++) chunks.push(`--p\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`)
  chunks.push('--p--\r\n')
  return Buffer.from(chunks.join(''))
}

/** Base64 in 76-character lines (RFC 2045 s6.8), built without a giant intermediate string. */
function base64Lines(data: Buffer): Buffer {
  const lineBytes = 57 // 57 bytes -> 76 base64 characters
  const out: Buffer[] = []
  for (let offset = 0; offset < data.length; offset += lineBytes * 1000) {
    const block = data.subarray(offset, Math.min(data.length, offset + lineBytes * 1000))
    const text = block.toString('base64')
    out.push(Buffer.from(text.replace(/.{76}/g, '$&\r\n')))
    if (!text.endsWith('\n') && text.length % 76 !== 0) out.push(Buffer.from('\r\n'))
  }
  return Buffer.concat(out)
}
