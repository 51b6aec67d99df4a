/** FeedSetPool: one running FeedSet per feeds configuration, so a policy reload does not read every feed per message. */
import { FeedSet } from '../../feeds/feed-set.ts'
import type { Logger } from '../../log.ts'
import { perConfig } from '../per-config.ts'
import type { UrlFeedsConfig } from './config.ts'

/** What decides which FeedSet a configuration needs; the same text means the same feeds. */
const setKey = perConfig((config: UrlFeedsConfig) =>
  JSON.stringify([config.feeds.filter((f) => f.enabled), config.sharedHosts, config.unshorten.shorteners]),
)

export class FeedSetPool {
  readonly #sets = new Map<string, FeedSet>()
  /** Policies in use at once (a reload keeps the old one until scans under it end); older sets are closed. */
  readonly #max: number

  constructor(max = 4) {
    this.#max = max
  }

  /** The started FeedSet for `config`, or null when it enables no feed. */
  get(config: UrlFeedsConfig, log: Logger): FeedSet | null {
    const sources = config.feeds.filter((f) => f.enabled)
    if (sources.length === 0) return null
    const key = setKey(config)
    let set = this.#sets.get(key)
    if (set) {
      this.#sets.delete(key)
    } else {
      // A listed bit.ly/abc says nothing of bit.ly/xyz: shorteners are shared hosts too.
      set = new FeedSet(sources, { sharedHosts: [...config.sharedHosts, ...config.unshorten.shorteners], log })
      set.start()
    }
    this.#sets.set(key, set)
    for (const [oldKey, old] of this.#sets) {
      if (this.#sets.size <= this.#max) break
      old.close()
      this.#sets.delete(oldKey)
    }
    return set
  }

  close(): void {
    for (const set of this.#sets.values()) set.close()
    this.#sets.clear()
  }
}
