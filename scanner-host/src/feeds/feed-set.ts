/** FeedSet: every configured feed, loaded, refreshed on its interval and looked up together. */
import { silentLogger, type Logger } from '../log.ts'
import type { FeedMatch } from './entry.ts'
import type { FeedIndex } from './feed-index.ts'
import { loadFeed } from './load-feed.ts'
import { lookupKey } from './normalise-url.ts'
import type { Validators } from './read-source.ts'
import type { FeedSource } from './source.ts'

/** A feed whose last good read is older than this many refresh intervals is stale. */
const STALE_INTERVALS = 3
/**
 * A feed that never loaded is tried again this soon rather than a whole interval later: until it
 * loads, scans with links are errors.
 */
const FIRST_LOAD_RETRY_MS = 60_000

export interface FeedSetOptions {
  /** Hosts where only exact URLs match (shared-hosts.ts); shorteners belong here too. */
  sharedHosts: Iterable<string>
  log?: Logger
}

export interface FeedStatus {
  name: string
  format: FeedSource['format']
  /** Entries in the index in use, or null when the feed never loaded. */
  entries: number | null
  /** When the feed was last read or found unchanged (ms since the epoch), or null. */
  checkedAt: number | null
  /** Why the last read failed, or null when it worked. */
  lastError: string | null
  /** Why the index in use is incomplete (maxBytes, maxEntries), or null. */
  cutShort: string | null
  /** No good read for STALE_INTERVALS refresh intervals. */
  stale: boolean
}

interface FeedState {
  source: FeedSource
  index: FeedIndex | null
  validators: Validators
  checkedAt: number | null
  lastError: string | null
  cutShort: string | null
  /** The read under way, so that a timer and a caller never read the same feed twice at once. */
  reading: Promise<void> | null
  /** Settles once the first read has ended either way. */
  firstRead: Promise<void>
  timer: NodeJS.Timeout | null
  retry: NodeJS.Timeout | null
}

export class FeedSet {
  readonly #states: FeedState[]
  readonly #shared: ReadonlySet<string>
  readonly #log: Logger
  /** Aborts reads under way on close(). */
  readonly #closing = new AbortController()
  #started = false

  /** Disabled sources are left out. Nothing is read until start(). */
  constructor(sources: readonly FeedSource[], options: FeedSetOptions) {
    this.#shared = new Set(options.sharedHosts)
    this.#log = options.log ?? silentLogger
    this.#states = sources
      .filter((s) => s.enabled)
      .map((source) => ({
        source,
        index: null,
        validators: {},
        checkedAt: null,
        lastError: null,
        cutShort: null,
        reading: null,
        firstRead: Promise.resolve(),
        timer: null,
        retry: null,
      }))
  }

  /** Feeds in use (enabled). */
  get size(): number {
    return this.#states.length
  }

  /** Reads every feed and sets its refresh timer; later calls do nothing. Timers do not keep the process alive. */
  start(): void {
    if (this.#started || this.#closing.signal.aborted) return
    this.#started = true
    for (const state of this.#states) {
      state.firstRead = this.#read(state)
      state.timer = setInterval(() => void this.#read(state), state.source.refreshMinutes * 60_000)
      state.timer.unref()
    }
  }

  /** Resolves once every feed's first read has ended (loaded or failed), or when `signal` aborts. */
  async ready(signal?: AbortSignal): Promise<void> {
    this.start()
    const all = Promise.all(this.#states.map((s) => s.firstRead))
    if (!signal) return void (await all)
    if (signal.aborted) return
    let onAbort = () => {}
    const aborted = new Promise<void>((resolve) => {
      onAbort = resolve
      signal.addEventListener('abort', onAbort, { once: true })
    })
    try {
      await Promise.race([all, aborted])
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
  }

  /** Reads the feeds again now (all, or the one named) and waits for it. */
  async refresh(name?: string): Promise<void> {
    this.start()
    await Promise.all(
      this.#states.filter((s) => name === undefined || s.source.name === name).map((s) => this.#read(s)),
    )
  }

  /** The strongest match of `url` in each feed that lists it; [] for URLs that are not http(s). */
  lookup(url: string): FeedMatch[] {
    const key = lookupKey(url)
    if (!key) return []
    const matches: FeedMatch[] = []
    for (const state of this.#states) {
      const match = state.index?.match(key, state.source.name)
      if (match) matches.push(match)
    }
    return matches
  }

  status(now = Date.now()): FeedStatus[] {
    return this.#states.map((s) => ({
      name: s.source.name,
      format: s.source.format,
      entries: s.index?.size ?? null,
      checkedAt: s.checkedAt,
      lastError: s.lastError,
      cutShort: s.cutShort,
      stale: s.checkedAt === null || now - s.checkedAt > STALE_INTERVALS * s.source.refreshMinutes * 60_000,
    }))
  }

  /** Stops the timers and aborts reads under way; lookups keep answering from what was loaded. */
  close(): void {
    this.#closing.abort()
    for (const state of this.#states) {
      if (state.timer) clearInterval(state.timer)
      if (state.retry) clearTimeout(state.retry)
      state.timer = null
      state.retry = null
    }
  }

  #read(state: FeedState): Promise<void> {
    if (this.#closing.signal.aborted) return Promise.resolve()
    state.reading ??= this.#load(state).finally(() => {
      state.reading = null
    })
    return state.reading
  }

  /** Never throws: a failed read keeps the last good index and records why. */
  async #load(state: FeedState): Promise<void> {
    const { source } = state
    const started = performance.now()
    const signal = AbortSignal.any([this.#closing.signal, AbortSignal.timeout(source.timeoutMs)])
    try {
      const loaded = await loadFeed(source, state.validators, { signal, shared: this.#shared })
      state.checkedAt = Date.now()
      state.lastError = null
      if (loaded === 'unchanged') return
      state.index = loaded.index
      state.validators = loaded.validators
      state.cutShort = loaded.cutShort
      this.#log.info('url feed loaded', {
        feed: source.name,
        entries: loaded.index.size,
        records: loaded.stats.entries,
        skipped: loaded.stats.skipped,
        ignored: loaded.stats.ignored,
        bytes: loaded.bytes,
        ms: Math.round(performance.now() - started),
        ...(loaded.cutShort ? { cutShort: loaded.cutShort } : {}),
      })
    } catch (error) {
      if (this.#closing.signal.aborted) return
      state.lastError = describeError(error, source)
      this.#log.warn('url feed not loaded', { feed: source.name, error: state.lastError, kept: state.index?.size ?? 0 })
      const interval = source.refreshMinutes * 60_000
      if (state.index === null && state.retry === null && interval > FIRST_LOAD_RETRY_MS) {
        state.retry = setTimeout(() => {
          state.retry = null
          void this.#read(state)
        }, FIRST_LOAD_RETRY_MS)
        state.retry.unref()
      }
    }
  }
}

function describeError(error: unknown, source: FeedSource): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `not read within ${source.timeoutMs} ms`
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 300)
}
