/** Collector: where a parser puts entries, and how many records it could not read or did not use. */
import type { FeedEntry } from '../entry.ts'
import type { UrlKey } from '../normalise-url.ts'

/** Takes one entry; returns false when no more are wanted (the index is full). */
export type EntrySink = (entry: FeedEntry, key?: UrlKey) => boolean

export interface ParseStats {
  /** Entries handed on. */
  entries: number
  /** Records that could not be read: garbage lines, broken JSON, addresses that do not parse. */
  skipped: number
  /** Readable records that are not used: hash IOCs, unverified phish, low confidence. */
  ignored: number
}

/** A feed parser: text goes in piece by piece (any split), entries come out through the collector. */
export interface FeedParser {
  push(text: string): void
  /** The text ended; throws when it was not this format at all (an HTML error page, a zip). */
  end(): void
}

export class Collector {
  readonly stats: ParseStats = { entries: 0, skipped: 0, ignored: 0 }
  readonly #sink: EntrySink
  #stopped = false

  constructor(sink: EntrySink) {
    this.#sink = sink
  }

  /** True once the sink wanted no more; parsers stop reading. */
  get stopped(): boolean {
    return this.#stopped
  }

  emit(entry: FeedEntry, key?: UrlKey): void {
    if (this.#stopped) return
    if (!this.#sink(entry, key)) {
      this.#stopped = true
      return
    }
    this.stats.entries++
  }

  skip(): void {
    this.stats.skipped++
  }

  ignore(): void {
    this.stats.ignored++
  }
}
