import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readInputs, splitMbox } from './read-inputs.ts'

const texts = (data: string) => [...splitMbox('box', Buffer.from(data))].map((m) => [m.origin, m.raw.toString()])

describe('splitMbox', () => {
  it('leaves a plain message whole', () => {
    expect(texts('Subject: a\r\n\r\nbody\r\n')).toEqual([['box', 'Subject: a\r\n\r\nbody\r\n']])
  })

  it('splits at separator lines after an empty line and drops the separators', () => {
    const data =
      'From alice@example.org Fri Nov 20 10:00:00 2026\nSubject: one\n\nfirst\n\n' +
      'From bob@example.org  Sat Nov 21 09:30:00 2026\nSubject: two\n\nsecond\n'
    expect(texts(data)).toEqual([
      ['box#1', 'Subject: one\n\nfirst\n'],
      ['box#2', 'Subject: two\n\nsecond\n'],
    ])
  })

  it('does not split at a body line that only starts with "From "', () => {
    const data = 'From alice@example.org Fri Nov 20 10:00:00 2026\nSubject: one\n\nhello\n\nFrom the desk of Jane\n'
    expect(texts(data)).toEqual([['box', 'Subject: one\n\nhello\n\nFrom the desk of Jane\n']])
  })

  it('unquotes mboxrd >From lines (RFC 4155)', () => {
    const data = 'From alice@example.org Fri Nov 20 10:00:00 2026\nSubject: q\n\n>From here\n>>From there\n'
    expect(texts(data)).toEqual([['box', 'Subject: q\n\nFrom here\n>From there\n']])
  })
})

describe('readInputs', () => {
  it('names a folder it cannot list and reads the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moat-read-'))
    mkdirSync(join(dir, 'locked'))
    writeFileSync(join(dir, 'a.eml'), 'Subject: a\r\n\r\nx')
    chmodSync(join(dir, 'locked'), 0o000)
    const canBypass = process.getuid?.() === 0 // root reads any folder: test the path, not the mode
    const seen = []
    for await (const input of readInputs([dir, join(dir, 'missing')], { extensions: [], stdin: Readable.from([]) })) {
      seen.push('error' in input ? `${input.origin}: ${input.error}` : input.origin)
    }
    chmodSync(join(dir, 'locked'), 0o755)
    expect(seen).toContain(join(dir, 'a.eml'))
    expect(seen).toContain(`${join(dir, 'missing')}: no such file or folder`)
    if (!canBypass) expect(seen).toContain(`${join(dir, 'locked')}: permission denied`)
  })

  it('reads standard input, and refuses it or a file above the size limit', async () => {
    const read = async (paths: string[], chunks: Buffer[], maxBytes?: number) => {
      const inputs = []
      const stdin = Readable.from(chunks)
      for await (const input of readInputs(paths, { extensions: [], stdin, ...(maxBytes ? { maxBytes } : {}) })) {
        inputs.push(input)
      }
      return inputs
    }
    const message = Buffer.from('Subject: s\r\n\r\nbody')
    expect(await read(['-'], [message])).toEqual([{ origin: '-', raw: message }])
    expect(await read(['-'], [message, message], 30)).toEqual([
      { origin: '-', error: 'standard input is larger than 30 bytes' },
    ])
    const dir = mkdtempSync(join(tmpdir(), 'moat-big-'))
    writeFileSync(join(dir, 'big.eml'), Buffer.alloc(100, 0x41))
    expect(await read([join(dir, 'big.eml')], [], 30)).toEqual([
      { origin: join(dir, 'big.eml'), error: 'file is 100 bytes, above the 30-byte limit' },
    ])
  })
})
