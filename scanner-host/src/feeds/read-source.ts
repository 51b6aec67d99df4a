/** openSource: a feed's bytes from its URL (conditional GET) or file (re-read only when changed), gunzipped when gzip. */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { FeedSource } from './source.ts'

/** What tells a later read whether the feed changed since this one. */
export interface Validators {
  etag?: string
  lastModified?: string
  /** Files: size and modification time. */
  fileStamp?: string
}

export type Opened = { changed: false } | { changed: true; body: AsyncIterable<Uint8Array>; validators: Validators }

const USER_AGENT = 'Moat url-feeds (+https://github.com/moat)'

/** Opens the source; `signal` also aborts the body while it is read. */
export async function openSource(source: FeedSource, previous: Validators, signal: AbortSignal): Promise<Opened> {
  if (source.path !== undefined) return openFile(source.path, previous, signal)
  if (source.url === undefined) throw new Error('the feed has neither url nor path')
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*' }
  for (const [name, value] of Object.entries(source.headers)) headers[name.toLowerCase()] = fromEnvironment(value)
  if (previous.etag) headers['if-none-match'] = previous.etag
  if (previous.lastModified) headers['if-modified-since'] = previous.lastModified
  const post = source.body === undefined ? {} : { method: 'POST', body: source.body }
  if (source.body !== undefined) headers['content-type'] ??= 'application/json'
  const response = await fetch(fromEnvironment(source.url), { headers, signal, redirect: 'follow', ...post })
  if (response.status === 304) {
    await response.body?.cancel()
    return { changed: false }
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`)
  }
  const validators: Validators = {}
  const etag = response.headers.get('etag')
  const lastModified = response.headers.get('last-modified')
  if (etag) validators.etag = etag
  if (lastModified) validators.lastModified = lastModified
  return { changed: true, body: gunzipIfGzip(response.body), validators }
}

/** `${NAME}` replaced by the environment variable NAME; a missing one fails the read, by name only. */
function fromEnvironment(text: string): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = process.env[name]
    if (value === undefined) throw new Error(`environment variable ${name} is not set`)
    return value
  })
}

async function openFile(path: string, previous: Validators, signal: AbortSignal): Promise<Opened> {
  const info = await stat(path)
  const fileStamp = `${info.size}:${info.mtimeMs}`
  if (previous.fileStamp === fileStamp) return { changed: false }
  const stream = createReadStream(path, { signal, highWaterMark: 256 * 1024 })
  return { changed: true, body: gunzipIfGzip(stream), validators: { fileStamp } }
}

/**
 * PhishTank and abuse.ch also publish gzip copies; the magic bytes decide, not the name or the
 * Content-Type, which mirrors get wrong. (fetch already undoes a gzip Content-Encoding.)
 */
async function* gunzipIfGzip(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]()
  const first = await iterator.next()
  if (first.done) return
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => iterator }
  if (first.value[0] !== 0x1f || first.value[1] !== 0x8b) {
    yield first.value
    yield* rest
    return
  }
  const compressed = ReadableStream.from(
    (async function* () {
      yield first.value
      yield* rest
    })(),
  )
  yield* compressed.pipeThrough(new DecompressionStream('gzip'))
}
