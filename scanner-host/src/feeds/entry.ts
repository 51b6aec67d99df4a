/** FeedEntry and FeedMatch: what a threat feed lists, and how a link met it. */

/**
 * `url`: one address (most feeds). `host`: everything on one host, whatever the path (ThreatFox
 * `ip:port` IOCs). `domain`: a domain and every name under it (ThreatFox `domain` IOCs).
 */
export type EntryKind = 'url' | 'host' | 'domain'

export interface FeedEntry {
  kind: EntryKind
  /** The normalised URL (see normalise-url.ts), host or domain. */
  value: string
  /** What the feed calls it: `malware_download`, `phishing`, `botnet_cc`. */
  threat: string
  /** Malware family or phishing target when the feed names one: `Emotet`, `PayPal`. */
  family?: string
  /** The feed's own tags (URLhaus): `elf,mips,Mozi`. */
  tags?: string
  /** The feed's page for this entry, for people who want to see why. */
  reference?: string
  /** False when the feed itself says the address is offline (URLhaus `url_status`). */
  online?: boolean
}

/**
 * How a link met a feed entry. `url`: the same address. `host`: the same host. `domain`: the
 * host is a listed domain or under one.
 */
export type MatchedBy = 'url' | 'host' | 'domain'

export interface FeedMatch {
  /** The feed source's configured name: `urlhaus`. */
  feed: string
  matchedBy: MatchedBy
  /**
   * True when the feed lists this address, its whole host or its domain. False when it lists only
   * other addresses on the same host: the host served something bad, this address may not.
   */
  direct: boolean
  entry: FeedEntry
  threat: string
}
