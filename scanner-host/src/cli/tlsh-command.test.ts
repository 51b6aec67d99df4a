/** `moat tlsh`: reference-format lines, TNULL, unreadable files, standard input, files larger than one read. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { expectedHashes, VECTORS } from '../tlsh/reference-vectors.ts'
import { tlshHash } from '../tlsh/tlsh.ts'
import { runMoat } from '../testing/run-moat.ts'
import { CliError, EXIT_IO, EXIT_OK, EXIT_USAGE } from './cli-error.ts'
import { tlshCommand } from './tlsh-command.ts'

const dir = mkdtempSync(join(tmpdir(), 'moat-tlsh-'))
// The large-file test writes 9 MB here: leave nothing behind.
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the command in this process and collects what it prints. */
async function run(args: string[], stdin: Buffer = Buffer.alloc(0)) {
  const out: string[] = []
  const err: string[] = []
  const code = await tlshCommand(args, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    stdin: Readable.from([stdin]),
  })
  return { code, out, err }
}

describe('moat tlsh', () => {
  it('prints the reference digest and the path, tab-separated, for every example file (real process)', async () => {
    const vectors = expectedHashes()
    const result = await runMoat(['tlsh', ...vectors.map((v) => join(VECTORS, v.name))])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(vectors.map((v) => `${v.hash}\t${join(VECTORS, v.name)}\n`).join(''))
  })

  it('prints TNULL for a file under 50 bytes or too uniform, and still exits 0', async () => {
    const short = join(dir, 'short.txt')
    const uniform = join(dir, 'uniform.bin')
    const empty = join(dir, 'empty')
    writeFileSync(short, 'too short to hash, under fifty bytes')
    writeFileSync(uniform, Buffer.alloc(10_000, 0))
    writeFileSync(empty, '')
    const { code, out, err } = await run([short, uniform, empty])
    expect(code).toBe(EXIT_OK)
    expect(out).toEqual([`TNULL\t${short}`, `TNULL\t${uniform}`, `TNULL\t${empty}`])
    expect(err).toEqual([])
  })

  it('names an unreadable file on standard error, goes on with the others and exits 1', async () => {
    const alice = join(VECTORS, 'example_data/0Alice.txt')
    const missing = join(dir, 'missing.eml')
    const { code, out, err } = await run([missing, dir, alice])
    expect(code).toBe(EXIT_IO)
    expect(err).toEqual([`moat tlsh: ${missing}: no such file`, `moat tlsh: ${dir}: is a folder`])
    expect(out).toEqual([`T145D18407A78523B35A030267671FA2C2F725402973629B25545EB43C3356679477F7FC\t${alice}`])
  })

  it('hashes a file larger than one read the same as the whole bytes at once', async () => {
    // 9 MB of varied bytes: more than two 4 MiB reads, ending mid-chunk.
    const bytes = Buffer.alloc(9_000_003)
    for (let i = 0, x = 1; i < bytes.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0
      bytes[i] = (i % 7 === 0 ? 32 : 97 + ((x >>> 16) % 26)) & 0xff
    }
    const big = join(dir, 'big.bin')
    writeFileSync(big, bytes)
    const { code, out } = await run([big])
    expect(code).toBe(EXIT_OK)
    expect(out).toEqual([`${tlshHash(bytes)}\t${big}`])
  })

  it('reads standard input for -', async () => {
    const text = Buffer.from('Standard input, hashed as raw bytes: caf\xe9 \x00\x01\x02 and more words to pass fifty.')
    const { code, out } = await run(['-'], text)
    expect(code).toBe(EXIT_OK)
    expect(out).toEqual([`${tlshHash(text)}\t-`])
  })

  it('keeps a strange file name on one line', async () => {
    const odd = join(dir, 'tab\there\nnewline\u001b[31m.txt')
    writeFileSync(odd, 'x')
    const { out } = await run([odd])
    expect(out).toEqual([`TNULL\t${join(dir, 'tab\\there\\nnewline\\u{1b}[31m.txt')}`])
  })

  it('refuses a call without files or with an unknown option (exit 2), and explains itself with --help', async () => {
    await expect(run([])).rejects.toThrow(CliError)
    await expect(run([])).rejects.toMatchObject({ exitCode: EXIT_USAGE })
    await expect(run(['--fast', 'x'])).rejects.toMatchObject({ exitCode: EXIT_USAGE })
    const help = await run(['--help'])
    expect(help.code).toBe(EXIT_OK)
    expect(help.out.join('\n')).toMatch(/^usage: moat tlsh/)
  })
})
