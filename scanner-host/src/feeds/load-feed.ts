/** loadFeed: reads one feed source into a fresh FeedIndex, bounded by its byte and entry limits. */
import { FeedIndex } from './feed-index.ts'
import { Collector, createParser, type ParseStats } from './parse/parser.ts'
import { openSource, type Validators } from './read-source.ts'
import type { FeedSource } from './source.ts'

export interface LoadedFeed {
  index: FeedIndex
  stats: ParseStats
  bytes: number
  /** Why reading stopped early (maxBytes, maxEntries), or null when the whole feed was read. */
  cutShort: string | null
  validators: Validators
}

/**
 * Reads `source` unless it is unchanged since `previous` (then 'unchanged'). Throws when it cannot
 * be read or holds no usable entry: an empty or foreign answer (an HTML error page served with
 * 200) must not replace a good index with an empty one.
 */
export async function loadFeed(
  source: FeedSource,
  previous: Validators,
  options: { signal: AbortSignal; shared: ReadonlySet<string> },
): Promise<LoadedFeed | 'unchanged'> {
  const opened = await openSource(source, previous, options.signal)
  if (!opened.changed) return 'unchanged'
  const index = new FeedIndex(options.shared)
  let cutShort: string | null = null
  const out = new Collector((entry, key) => {
    if (index.size >= source.maxEntries) {
      cutShort = `stopped at maxEntries (${source.maxEntries})`
      return false
    }
    index.add(entry, key)
    return true
  })
  const parser = createParser(source.format, out, source)
  const decoder = new TextDecoder('utf-8')
  let bytes = 0
  for await (const chunk of opened.body) {
    const room = source.maxBytes - bytes
    bytes += Math.min(chunk.byteLength, room)
    parser.push(decoder.decode(chunk.byteLength > room ? chunk.subarray(0, room) : chunk, { stream: true }))
    if (chunk.byteLength > room) cutShort = `stopped at maxBytes (${source.maxBytes})`
    // Leaving the loop cancels the download or closes the file.
    if (cutShort !== null || out.stopped) break
  }
  // A feed cut short ends inside a record: `http://evil.example/payload.exe` cut to
  // `http://evil.example/` would list the whole site, so the unfinished record is dropped.
  if (cutShort === null) {
    parser.push(decoder.decode())
    parser.end()
  }
  if (index.size === 0) {
    const { skipped, ignored } = out.stats
    throw new Error(`no usable entry in ${bytes} bytes (${skipped} unreadable, ${ignored} not used)`)
  }
  return { index, stats: out.stats, bytes, cutShort, validators: opened.validators }
}
