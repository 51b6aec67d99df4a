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
}

/** Files above this are refused: no mail system delivers a single message of a gigabyte. */
const MAX_FILE_BYTES = 1024 * 1024 * 1024

/** Yields each message in order; a path that cannot be read yields a failure and reading goes on. */
export async function* readInputs(
  paths: readonly string[],
  options: ReadOptions,
): AsyncGenerator<InputMessage | InputFailure> {
  for (const path of paths) {
    if (path === '-') {
      yield* splitMbox('-', await readStream(options.stdin))
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
      for await (const file of walk(path, options.extensions)) yield* readOne(file)
    } else {
      yield* readOne(path)
    }
  }
}

async function* readOne(path: string): AsyncGenerator<InputMessage | InputFailure> {
  try {
    const handle = await open(path, 'r')
    try {
      const { size } = await handle.stat()
      if (size > MAX_FILE_BYTES) throw new Error(`file is ${size} bytes, above the ${MAX_FILE_BYTES}-byte limit`)
      yield* splitMbox(path, await handle.readFile())
    } finally {
      await handle.close()
    }
  } catch (err) {
    yield { origin: path, error: describe(err) }
  }
}

/** Folder entries in name order, recursively, skipping hidden files (`.git`, Maildir `.Trash`). */
async function* walk(dir: string, extensions: readonly string[]): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true })
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
 * A file that starts with an mbox `From ` line (RFC 4155) holds one or more messages, each
 * starting with such a line after an empty line. The `From ` line itself is not part of the message.
 */
export function* splitMbox(origin: string, data: Buffer): Generator<InputMessage> {
  if (!data.subarray(0, 5).equals(Buffer.from('From '))) {
    yield { origin, raw: data }
    return
  }
  const starts: number[] = [0]
  for (let at = data.indexOf('\nFrom '); at >= 0; at = data.indexOf('\nFrom ', at + 1)) {
    const blankBefore = data[at - 1] === 0x0a || (data[at - 1] === 0x0d && data[at - 2] === 0x0a)
    if (blankBefore) starts.push(at + 1)
  }
  for (let index = 0; index < starts.length; index++) {
    const start = starts[index]!
    const end = starts[index + 1] ?? data.length
    const lineEnd = data.indexOf('\n', start)
    const raw = data.subarray(lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1, end)
    // The blank line before the next `From ` separates messages (RFC 4155); it belongs to neither.
    yield {
      origin: starts.length > 1 ? `${origin}#${index + 1}` : origin,
      raw: trimSeparator(raw, index + 1 < starts.length),
    }
  }
}

function trimSeparator(raw: Buffer, hasNext: boolean): Buffer {
  if (!hasNext) return raw
  if (raw.subarray(-2).toString() === '\r\n') return raw.subarray(0, -2)
  if (raw[raw.length - 1] === 0x0a) return raw.subarray(0, -1)
  return raw
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  if (e.code === 'ENOENT') return 'no such file or folder'
  if (e.code === 'EACCES') return 'permission denied'
  if (e.code === 'EISDIR') return 'is a folder'
  return e.message ?? String(err)
}
