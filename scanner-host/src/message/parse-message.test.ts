import { createHash, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../limits.ts'
import { buildMessage } from '../testing/build-message.ts'
import { bigMessage, manyPartsMessage, nestedMessage } from '../testing/hostile-messages.ts'
import { parseMessage } from './parse-message.ts'

const codes = (m: { problems: { code: string }[] }) => m.problems.map((p) => p.code)

describe('parseMessage', () => {
  it('reads identity, bodies and decoded attachments of a well-formed message', async () => {
    const raw = buildMessage({
      from: '"Jane Doe" <jane@Example.ORG>',
      to: 'bob@example.com, carol@example.com',
      replyTo: 'replies@example.net',
      subject: '=?utf-8?q?Gr=C3=BC=C3=9Fe?=',
      text: 'plain body',
      html: '<p>html body</p>',
      attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 x') }],
    })
    const m = await parseMessage(raw)
    expect(m.from).toEqual({ name: 'Jane Doe', address: 'jane@example.org' })
    expect(m.to.map((a) => a.address)).toEqual(['bob@example.com', 'carol@example.com'])
    expect(m.replyTo[0]?.address).toBe('replies@example.net')
    expect(m.subject).toBe('Grüße')
    expect(m.text).toContain('plain body')
    expect(m.html).toContain('<p>html body</p>')
    expect(m.attachments).toHaveLength(1)
    expect(m.attachments[0]).toMatchObject({
      filename: 'a.pdf',
      declaredType: 'application/pdf',
      size: 10,
      truncated: false,
    })
    expect(m.attachments[0]?.content.toString()).toBe('%PDF-1.7 x')
    expect(m.headers.find((h) => h.name === 'reply-to')?.value).toBe('replies@example.net')
    expect(m.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(m.problems).toEqual([])
  })

  it('flags nesting deeper than the limit but still reads the text at the bottom', async () => {
    const m = await parseMessage(nestedMessage(100))
    expect(m.structure.depth).toBeGreaterThanOrEqual(100)
    expect(codes(m)).toEqual(['LIMIT_NESTING'])
    expect(m.text).toContain('hello from the bottom')
  })

  it('reads a 50 MB message in full and keeps the attachment size', async () => {
    const m = await parseMessage(bigMessage(50))
    expect(m.attachments[0]?.size).toBeGreaterThan(39_000_000)
    expect(m.attachments[0]?.truncated).toBe(true) // above maxAttachmentBytes (32 MiB)
    expect(codes(m)).toEqual(['LIMIT_ATTACHMENT_SIZE'])
  })

  it('reads only the headers of a message above maxMessageBytes', async () => {
    const m = await parseMessage(bigMessage(2), { ...DEFAULT_LIMITS, maxMessageBytes: 1024 * 1024 })
    expect(codes(m)).toEqual(['LIMIT_SIZE'])
    expect(m.subject).toBe('big')
    expect(m.from?.address).toBe('big@example.org')
    expect(m.attachments).toEqual([])
  })

  it('reports too many parts and an oversized header block', async () => {
    expect(codes(await parseMessage(manyPartsMessage(50), { ...DEFAULT_LIMITS, maxParts: 20 }))).toContain(
      'LIMIT_PARTS',
    )
    const hugeHeader = Buffer.from(`Subject: x\r\nX-Filler: ${'a'.repeat(2 * 1024 * 1024)}\r\n\r\nbody`)
    expect(codes(await parseMessage(hugeHeader))).toContain('LIMIT_HEADER_SIZE')
  })

  it('cuts attachments at maxAttachmentBytes but counts their full size', async () => {
    const raw = buildMessage({ text: 'x', attachments: [{ filename: 'z.bin', content: Buffer.alloc(5000, 7) }] })
    const m = await parseMessage(raw, { ...DEFAULT_LIMITS, maxAttachmentBytes: 1000 })
    expect(m.attachments[0]).toMatchObject({ size: 5000, truncated: true })
    expect(m.attachments[0]?.content.length).toBe(1000)
  })

  it('stops at the parse deadline with what it read', async () => {
    const m = await parseMessage(bigMessage(8), { ...DEFAULT_LIMITS, maxParseMs: 0 })
    expect(codes(m)).toContain('LIMIT_PARSE_TIME')
    expect(m.subject).toBe('big')
  })

  it('reports random bytes and empty input as malformed', async () => {
    for (const raw of [randomBytes(200_000), Buffer.alloc(0), Buffer.from('\r\n\r\n')]) {
      const m = await parseMessage(raw)
      expect(codes(m)).toEqual(['MIME_MALFORMED'])
      expect(m.sha256).toBe(createHash('sha256').update(raw).digest('hex'))
      expect(m.from).toBeNull()
    }
  })

  it('reads a message cut off mid-part as far as it goes', async () => {
    const m = await parseMessage(nestedMessage(30).subarray(0, 700))
    expect(m.from?.address).toBe('deep@example.net')
    expect(m.subject).toBe('deep')
    expect(m.structure.depth).toBeGreaterThan(5)
  })

  it('gives a null date for an unreadable Date header instead of inventing one', async () => {
    const m = await parseMessage(buildMessage({ date: 'sometime last week', text: 'x' }))
    expect(m.date).toBeNull()
    const ok = await parseMessage(buildMessage({ date: 'Fri, 20 Nov 2026 10:00:00 +0000 (UTC)', text: 'x' }))
    expect(ok.date?.toISOString()).toBe('2026-11-20T10:00:00.000Z')
    // A hostile Date header must not cost more than reading it (a backtracking regex took minutes).
    const hostile = await parseMessage(buildMessage({ date: '( '.repeat(150_000), text: 'x' }), {
      ...DEFAULT_LIMITS,
      maxParseMs: 2000,
    })
    expect(hostile.date).toBeNull()
    expect(codes(hostile)).toEqual([])
  })

  it('never throws on arbitrary bytes or mutated messages (property)', async () => {
    const base = buildMessage({ text: 'hello', html: '<b>x</b>', attachments: [{ filename: 'a.txt', content: 'abc' }] })
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 4000 }).map((a) => Buffer.from(a)),
          fc
            .array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 40 })
            .map((edits) => {
              const copy = Buffer.from(base)
              for (const [at, byte] of edits) copy[at] = byte
              return copy
            }),
          fc.nat(base.length).map((cut) => base.subarray(0, cut)),
        ),
        async (raw) => {
          const m = await parseMessage(raw)
          expect(m.raw).toBe(raw)
        },
      ),
      { numRuns: 300 },
    )
  })
})
