/** Reads messages for `moat scan`: files, folders (recursively), mbox files and standard input. */
import { open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

export interface InputMessage {
  /** File path, `path#N` for the Nth message of an mbox file, or `-` for standard input. */
  origin: string
  raw: Buffer
}

export interface InputFailure {
  origin: string
  error: string
}

export interface ReadOptions {
  /** Only files ending with one of these (e.g. `.eml`, `.txt`); all files when empty. */
  extensions: readonly string[]
  stdin: NodeJS.ReadableStream
  /** Largest file or standard input read; defaults to MAX_FILE_BYTES. */
  maxBytes?: number
}

/** Files above this are refused: no mail system delivers a single message of a gigabyte. */
const MAX_FILE_BYTES = 1024 * 1024 * 1024

/** Yields each message in order; a path that cannot be read yields a failure and reading goes on. */
export async function* readInputs(
  paths: readonly string[],
  options: ReadOptions,
): AsyncGenerator<InputMessage | InputFailure> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES
  for (const path of paths) {
    if (path === '-') {
      const data = await readStream(options.stdin, maxBytes)
      if (data) yield* splitMbox('-', data)
      else yield { origin: '-', error: `standard input is larger than ${maxBytes} bytes` }
      continue
    }
    let info
    try {
      info = await stat(path)
    } catch (err) {
      yield { origin: path, error: describe(err) }
      continue
    }
    if (info.isDirectory()) {
      for await (const entry of walk(path, options.extensions)) {
        if (typeof entry === 'string') yield* readOne(entry, maxBytes)
        else yield entry
      }
    } else {
      yield* readOne(path, maxBytes)
    }
  }
}

async function* readOne(path: string, maxBytes: number): AsyncGenerator<InputMessage | InputFailure> {
  try {
    const handle = await open(path, 'r')
    try {
      const { size } = await handle.stat()
      if (size > maxBytes) throw new Error(`file is ${size} bytes, above the ${maxBytes}-byte limit`)
      yield* splitMbox(path, await handle.readFile())
    } finally {
      await handle.close()
    }
  } catch (err) {
    yield { origin: path, error: describe(err) }
  }
}

/**
 * Files in name order, recursively, skipping hidden ones (`.git`, Maildir `.Trash`). A folder that
 * cannot be listed is yielded as a failure and the walk goes on.
 */
async function* walk(dir: string, extensions: readonly string[]): AsyncGenerator<string | InputFailure> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (err) {
    yield { origin: dir, error: describe(err) }
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(path, extensions)
    else if (entry.isFile() && (extensions.length === 0 || extensions.some((ext) => entry.name.endsWith(ext))))
      yield path
  }
}

/**
 * A file that starts with an mbox separator line (RFC 4155: `From <sender> <asctime date>`) holds
 * one or more messages, each starting with such a line after an empty line. The separator is not
 * part of the message; body lines quoted as `>From ` (mboxrd) lose one `>`.
 */
export function* splitMbox(origin: string, data: Buffer): Generator<InputMessage> {
  if (!isSeparatorAt(data, 0)) {
    yield { origin, raw: data }
    return
  }
  const starts: number[] = [0]
  for (let at = data.indexOf('\nFrom '); at >= 0; at = data.indexOf('\nFrom ', at + 1)) {
    const blankBefore = data[at - 1] === 0x0a || (data[at - 1] === 0x0d && data[at - 2] === 0x0a)
    if (blankBefore && isSeparatorAt(data, at + 1)) starts.push(at + 1)
  }
  for (let index = 0; index < starts.length; index++) {
    const start = starts[index]!
    const end = starts[index + 1] ?? data.length
    const lineEnd = data.indexOf('\n', start)
    const raw = data.subarray(lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1, end)
    // The blank line before the next `From ` separates messages (RFC 4155); it belongs to neither.
    yield {
      origin: starts.length > 1 ? `${origin}#${index + 1}` : origin,
      raw: unquoteFromLines(trimSeparator(raw, index + 1 < starts.length)),
    }
  }
}

/**
 * `From alice@example.org Fri Nov 20 10:00:00 2026`: the sender, then a date with a time and a
 * year. Only the first 200 bytes are read: a separator line is short, and the test stays linear.
 */
const SEPARATOR = /^From \S* .*\d{1,2}:\d{2}.* \d{4}\r?$/
const FROM_SPACE = Buffer.from('From ')

function isSeparatorAt(data: Buffer, at: number): boolean {
  if (!data.subarray(at, at + 5).equals(FROM_SPACE)) return false
  const end = data.indexOf('\n', at)
  const line = data.subarray(at, Math.min(end < 0 ? data.length : end, at + 200)).toString('latin1')
  return SEPARATOR.test(line)
}

const QUOTED_FROM = /^>(>*From )/gm

/** mboxrd (RFC 4155 s2): a body line `>From ` was `From ` before the message was stored. */
function unquoteFromLines(raw: Buffer): Buffer {
  if (raw.indexOf('\n>') < 0 && raw[0] !== 0x3e) return raw
  const text = raw.toString('latin1')
  QUOTED_FROM.lastIndex = 0
  if (!QUOTED_FROM.test(text)) return raw
  return Buffer.from(text.replace(QUOTED_FROM, '$1'), 'latin1')
}

function trimSeparator(raw: Buffer, hasNext: boolean): Buffer {
  if (!hasNext) return raw
  if (raw.subarray(-2).toString() === '\r\n') return raw.subarray(0, -2)
  if (raw[raw.length - 1] === 0x0a) return raw.subarray(0, -1)
  return raw
}

/** The whole stream, or null once it passes `maxBytes`. */
async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buffer.length
    if (size > maxBytes) return null
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  if (e.code === 'ENOENT') return 'no such file or folder'
  if (e.code === 'EACCES') return 'permission denied'
  if (e.code === 'EISDIR') return 'is a folder'
  return e.message ?? String(err)
}
