/** checkLinks: each link of a message looked up in the feeds, and shortened links followed and looked up again. */
import type { FeedMatch } from '../../feeds/entry.ts'
import type { FeedSet } from '../../feeds/feed-set.ts'
import type { UnshortenResult, Unshortener } from '../../feeds/unshorten/unshortener.ts'
import type { Link } from '../links/link.ts'

/** A link (or where a shortened link leads) that a feed lists. */
export interface ListedLink {
  /** The address that matched. */
  url: string
  matches: FeedMatch[]
  /** The shortened link that led there, when it came from one. */
  via?: UnshortenResult
}

export interface CheckedLinks {
  listed: ListedLink[]
  /** Every shortened link followed, whatever came of it. */
  followed: UnshortenResult[]
}

export interface CheckOptions {
  /** Follows shortened links; null when unshortening is off. */
  unshortener: Unshortener | null
  maxShortened: number
  signal: AbortSignal
}

export async function checkLinks(links: readonly Link[], feeds: FeedSet, options: CheckOptions): Promise<CheckedLinks> {
  const { unshortener } = options
  const listed: ListedLink[] = []
  const toFollow: string[] = []
  const seen = new Set<string>()
  for (const link of links) {
    if (seen.has(link.url)) continue
    seen.add(link.url)
    const matches = feeds.lookup(link.url)
    if (matches.length > 0) listed.push({ url: link.url, matches })
    // A listed short link is already answered; following it would only add a request.
    const answered = matches.some((m) => m.direct)
    if (unshortener && !answered && toFollow.length < options.maxShortened && unshortener.isShortener(link.host)) {
      toFollow.push(link.url)
    }
  }
  if (!unshortener || toFollow.length === 0) return { listed, followed: [] }
  const followed = await Promise.all(toFollow.map((url) => unshortener.unshorten(url, options.signal)))
  for (const result of followed) {
    // Every address the chain reached counts: a second shortener's link can be listed too.
    for (const url of result.chain.slice(1)) {
      const matches = feeds.lookup(url)
      if (matches.length > 0) listed.push({ url, matches, via: result })
    }
  }
  return { listed, followed }
}
