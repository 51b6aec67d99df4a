/** FeedIndex: one feed's entries in memory, matched by full URL, host and domain. */
import { hostParts } from '../domains/registered-domain.ts'
import type { FeedEntry, FeedMatch } from './entry.ts'
import { urlKey, type LookupKey, type UrlKey } from './normalise-url.ts'
import { isSharedHost } from './shared-hosts.ts'

/** What one host has: an entry for the whole host, and one example of the other addresses listed there. */
interface HostHits {
  whole?: FeedEntry
  other?: FeedEntry
}

export type AddResult = 'added' | 'duplicate' | 'ignored'

/**
 * The matching rule, from strong to weak (one best match per feed and link):
 * 1. `url`, direct: the feed lists this very address (after normalise-url.ts).
 * 2. `host`, direct: the feed lists the whole host: an `ip:port` IOC, or a URL entry that is the
 *    site's root (`https://evil.example/`), unless the host is shared.
 * 3. `domain`, direct: the feed lists the host or a parent as a domain (ThreatFox `domain` IOCs).
 *    Only whole-domain entries do this; a URL entry never condemns its registered domain.
 * 4. `host`, not direct: the feed lists another address on the same host, the host is not shared
 *    (shared-hosts.ts), and the feed does not say that entry is offline. Phishing kits put a token
 *    per victim in the URL, so the exact address is often not the listed one; but a compromised
 *    site also has good pages, hence a weaker finding.
 */
export class FeedIndex {
  readonly #urls = new Map<string, FeedEntry>()
  readonly #hosts = new Map<string, HostHits>()
  readonly #domains = new Map<string, FeedEntry>()
  readonly #shared: ReadonlySet<string>
  #size = 0

  constructor(shared: ReadonlySet<string>) {
    this.#shared = shared
  }

  /** Entries kept (duplicates and ignored ones not counted). */
  get size(): number {
    return this.#size
  }

  /** `key` is the URL entry's key when the parser already has it (it saves parsing the URL again). */
  add(entry: FeedEntry, key?: UrlKey): AddResult {
    switch (entry.kind) {
      case 'url':
        return this.#addUrl(entry, key ?? urlKey(entry.value))
      case 'host':
        return this.#addHost(entry)
      case 'domain':
        return this.#addDomain(entry)
    }
  }

  #addUrl(entry: FeedEntry, key: UrlKey | null): AddResult {
    if (!key) return 'ignored'
    if (this.#urls.has(entry.value)) return 'duplicate'
    this.#urls.set(entry.value, entry)
    this.#size++
    if (!isSharedHost(key.host, this.#shared)) {
      const hits = this.#hits(key.host)
      if (key.root) hits.whole ??= entry
      else if (entry.online !== false) hits.other ??= entry
    }
    return 'added'
  }

  #addHost(entry: FeedEntry): AddResult {
    if (isSharedHost(entry.value, this.#shared)) return 'ignored'
    const hits = this.#hits(entry.value)
    if (hits.whole) return 'duplicate'
    hits.whole = entry
    this.#size++
    return 'added'
  }

  #addDomain(entry: FeedEntry): AddResult {
    // A listed public suffix or shared name would condemn half the web: a broken or poisoned feed.
    if (isSharedHost(entry.value, this.#shared) || hostParts(entry.value).registeredDomain === null) return 'ignored'
    if (this.#domains.has(entry.value)) return 'duplicate'
    this.#domains.set(entry.value, entry)
    this.#size++
    return 'added'
  }

  #hits(host: string): HostHits {
    let hits = this.#hosts.get(host)
    if (!hits) {
      hits = {}
      this.#hosts.set(host, hits)
    }
    return hits
  }

  /** The strongest match of `key` in this feed, or null. */
  match(key: LookupKey, feed: string): FeedMatch | null {
    const exact = this.#urls.get(key.url)
    if (exact) return found(feed, 'url', true, exact)
    const hits = this.#hosts.get(key.host)
    if (hits?.whole) return found(feed, 'host', true, hits.whole)
    for (const domain of key.domains) {
      const entry = this.#domains.get(domain)
      if (entry) return found(feed, 'domain', true, entry)
    }
    return hits?.other ? found(feed, 'host', false, hits.other) : null
  }
}

function found(feed: string, matchedBy: FeedMatch['matchedBy'], direct: boolean, entry: FeedEntry): FeedMatch {
  return { feed, matchedBy, direct, entry, threat: entry.threat }
}
