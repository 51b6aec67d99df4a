/** `moat tlsh FILE...`: the TLSH digest of each file's bytes, `digest<TAB>path` per line like the reference tool. */
import { open } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { TlshHasher } from '../tlsh/tlsh.ts'
import { TNULL } from '../tlsh/digest.ts'
import { CliError, EXIT_IO, EXIT_OK } from './cli-error.ts'
import { terminalSafe } from './terminal-safe.ts'

export const TLSH_USAGE = `usage: moat tlsh FILE|- ...
  Prints the TLSH digest of each file's raw bytes, a tab and the file's name: T1 and 70 hex digits,
  the same as the reference tool (tlsh -f FILE). A file under 50 bytes, or too uniform to hash,
  gets TNULL in place of the digest, as the reference prints with -onull. - reads standard input.
Exit status: 0 when every file was read (TNULL included), 1 when some file could not be read
(named on standard error), 2 on a usage error.`

export interface TlshIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  stdin: NodeJS.ReadableStream
}

/**
 * Bytes read per call: large enough that system calls and promise turns cost nothing next to the
 * hashing, small enough that a multi-gigabyte attachment never has to sit in memory whole.
 */
const CHUNK_BYTES = 4 * 1024 * 1024

export async function tlshCommand(args: string[], io: TlshIo): Promise<number> {
  const { values, positionals } = parseTlshArgs(args)
  if (values.help) {
    io.stdout(TLSH_USAGE)
    return EXIT_OK
  }
  if (positionals.length === 0) throw new CliError(`moat tlsh: give one or more files\n${TLSH_USAGE}`)

  // One buffer for every file: reading allocates nothing per chunk.
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  const hasher = new TlshHasher()
  let unreadable = 0
  for (const path of positionals) {
    hasher.reset()
    try {
      if (path === '-') await hashStream(io.stdin, hasher)
      else await hashFile(path, hasher, buffer)
    } catch (err) {
      unreadable++
      io.stderr(`moat tlsh: ${printable(path)}: ${describe(err)}`)
      continue
    }
    io.stdout(`${hasher.digest() ?? TNULL}\t${printable(path)}`)
  }
  return unreadable > 0 ? EXIT_IO : EXIT_OK
}

async function hashFile(path: string, hasher: TlshHasher, buffer: Buffer): Promise<void> {
  const file = await open(path, 'r')
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) return
      hasher.update(buffer.subarray(0, bytesRead))
    }
  } finally {
    await file.close()
  }
}

async function hashStream(stream: NodeJS.ReadableStream, hasher: TlshHasher): Promise<void> {
  for await (const chunk of stream) {
    // A stream set to an encoding would hand over decoded text; hash only what was really read.
    if (typeof chunk === 'string') throw new Error('standard input was decoded as text; cannot hash its bytes')
    hasher.update(chunk)
  }
}

/** The path as one safe line field: no terminal escapes, and tabs or newlines cannot split the columns. */
function printable(path: string): string {
  return terminalSafe(path).replace(/\t/g, '\\t').replace(/\n/g, '\\n')
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  if (e.code === 'ENOENT') return 'no such file'
  if (e.code === 'EACCES') return 'permission denied'
  if (e.code === 'EISDIR') return 'is a folder'
  return e.message ?? String(err)
}

function parseTlshArgs(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', default: false } } })
  } catch (err) {
    throw new CliError(`moat tlsh: ${(err as Error).message}\n${TLSH_USAGE}`)
  }
}
