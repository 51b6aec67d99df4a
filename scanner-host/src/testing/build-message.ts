/** Test helper: builds raw RFC 5322 messages (multipart with attachments) for engine tests. */

export interface TestAttachment {
  filename?: string
  contentType?: string
  content: Buffer | string
  /** Defaults to `attachment`. */
  disposition?: 'attachment' | 'inline'
}

export interface TestMessage {
  from?: string
  to?: string
  replyTo?: string
  subject?: string
  messageId?: string
  date?: string
  headers?: Record<string, string>
  text?: string
  html?: string
  attachments?: TestAttachment[]
}

let boundaryCounter = 0

/** Builds the bytes of a message; text and HTML go in multipart/alternative when both are given. */
export function buildMessage(spec: TestMessage): Buffer {
  const head: string[] = [
    `From: ${spec.from ?? 'Alice Sender <alice@example.org>'}`,
    `To: ${spec.to ?? 'Bob Receiver <bob@example.com>'}`,
    `Subject: ${spec.subject ?? 'Test message'}`,
    `Message-ID: ${spec.messageId ?? `<test-${++boundaryCounter}@example.org>`}`,
    `Date: ${spec.date ?? 'Fri, 20 Nov 2026 10:00:00 +0000'}`,
    'MIME-Version: 1.0',
  ]
  if (spec.replyTo) head.push(`Reply-To: ${spec.replyTo}`)
  for (const [name, value] of Object.entries(spec.headers ?? {})) head.push(`${name}: ${value}`)

  const bodyParts: string[] = []
  if (spec.text !== undefined) bodyParts.push(textPart('text/plain', spec.text))
  if (spec.html !== undefined) bodyParts.push(textPart('text/html', spec.html))
  let body =
    bodyParts.length === 1
      ? bodyParts[0]!
      : bodyParts.length > 1
        ? multipart('alternative', bodyParts)
        : textPart('text/plain', '')
  const attachments = (spec.attachments ?? []).map(attachmentPart)
  if (attachments.length > 0) body = multipart('mixed', [body, ...attachments])
  return Buffer.from(head.join('\r\n') + '\r\n' + body)
}

function textPart(type: string, content: string): string {
  const encoded = Buffer.from(content, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n')
  return `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${encoded}\r\n`
}

function attachmentPart(a: TestAttachment): string {
  const content = typeof a.content === 'string' ? Buffer.from(a.content) : a.content
  const name = a.filename ? `; name="${a.filename}"` : ''
  const file = a.filename ? `; filename="${a.filename}"` : ''
  return (
    `Content-Type: ${a.contentType ?? 'application/octet-stream'}${name}\r\n` +
    `Content-Disposition: ${a.disposition ?? 'attachment'}${file}\r\n` +
    'Content-Transfer-Encoding: base64\r\n\r\n' +
    content.toString('base64').replace(/.{76}/g, '$&\r\n') +
    '\r\n'
  )
}

function multipart(subtype: string, parts: string[]): string {
  const boundary = `=_moat_test_${++boundaryCounter}`
  return (
    `Content-Type: multipart/${subtype}; boundary="${boundary}"\r\n\r\n` +
    parts.map((p) => `--${boundary}\r\n${p}`).join('\r\n') +
    `\r\n--${boundary}--\r\n`
  )
}
