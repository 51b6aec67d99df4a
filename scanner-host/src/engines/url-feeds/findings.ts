/** Findings of the url-feeds engine: listed links (exact, or their host or domain), and what shortened links did. */
import type { Finding, Severity } from '@moat/contract'
import type { FeedMatch } from '../../feeds/entry.ts'
import type { UnshortenResult } from '../../feeds/unshorten/unshortener.ts'
import type { CheckedLinks, ListedLink } from './check-links.ts'

/** Examples listed per finding; the count says how many there were in all. */
const MAX_EXAMPLES = 5
const MAX_URL = 200

/** Finding codes of this engine, with the severity each has unless the evidence says otherwise. */
export const URL_FEED_CODES = {
  URL_FEED_LISTED: 'high',
  URL_FEED_HOST_LISTED: 'medium',
  LINK_SHORTENER_RESOLVED: 'info',
  LINK_SHORTENER_UNRESOLVED: 'info',
} as const satisfies Record<string, Severity>

type Code = keyof typeof URL_FEED_CODES

/** The feeds' threat types in words a mailbox owner reads. */
const THREAT_WORDS: Record<string, string> = {
  malware_download: 'a malware download',
  payload_delivery: 'a malware download',
  payload: 'malware',
  botnet_cc: 'a botnet control server',
  phishing: 'phishing',
}

export function findingsFrom(checked: CheckedLinks): Finding[] {
  const out: Finding[] = []
  const direct = checked.listed.filter((l) => l.matches.some((m) => m.direct))
  const nearby = checked.listed.filter((l) => !l.matches.some((m) => m.direct))
  if (direct[0]) out.push(listedFinding(direct))
  if (nearby[0]) out.push(hostListedFinding(nearby))
  // The chain behind a listed destination is the explanation; other resolved links are noise.
  const resolved = [...new Set(checked.listed.flatMap((l) => (l.via ? [l.via] : [])))]
  if (resolved[0]) out.push(resolvedFinding(resolved))
  const failed = checked.followed.filter((r) => r.outcome !== 'resolved')
  if (failed[0]) out.push(unresolvedFinding(failed))
  return out
}

function listedFinding(listed: ListedLink[]): Finding {
  const first = listed[0]!
  const match = best(first.matches.filter((m) => m.direct))
  const feeds = feedsOf(first.matches.filter((m) => m.direct))
  const where =
    match.matchedBy === 'url'
      ? `${short(first.url)}, which ${feeds} lists`
      : match.matchedBy === 'host'
        ? `${short(first.url)}, on a host ${feeds} lists as a whole`
        : `${short(first.url)}, under ${match.entry.value}, a domain ${feeds} lists`
  const lead = first.via ? `A shortened link (${short(first.via.url)}) leads to` : 'A link goes to'
  const all = listed.flatMap((l) => l.matches.filter((m) => m.direct))
  return finding('URL_FEED_LISTED', `${lead} ${where} as ${threatWords(match)}.${more(listed.length)}`, {
    url: short(first.url),
    feeds: unique(all.map((m) => m.feed)),
    matchedBy: match.matchedBy,
    listed: short(match.entry.value),
    threats: unique(all.map((m) => m.threat)),
    ...families(all),
    ...references(all),
    ...(first.via ? { shortener: short(first.via.url) } : {}),
    urls: unique(listed.map((l) => short(l.url))).slice(0, MAX_EXAMPLES),
    count: listed.length,
  })
}

function hostListedFinding(listed: ListedLink[]): Finding {
  const first = listed[0]!
  const match = first.matches[0]!
  const host = hostOf(first.url)
  const all = listed.flatMap((l) => l.matches)
  return finding(
    'URL_FEED_HOST_LISTED',
    `A link goes to ${host}, where ${feedsOf(first.matches)} lists another address as ${threatWords(match)}.${more(listed.length)}`,
    {
      host,
      url: short(first.url),
      feeds: unique(all.map((m) => m.feed)),
      listed: short(match.entry.value),
      threats: unique(all.map((m) => m.threat)),
      ...families(all),
      ...references(all),
      urls: unique(listed.map((l) => short(l.url))).slice(0, MAX_EXAMPLES),
      count: listed.length,
    },
  )
}

function resolvedFinding(results: UnshortenResult[]): Finding {
  const first = results[0]!
  const hops = first.hops === 1 ? '1 redirect' : `${first.hops} redirects`
  return finding(
    'LINK_SHORTENER_RESOLVED',
    `The shortened link ${short(first.url)} leads to ${short(first.final)} (${hops}).${more(results.length)}`,
    {
      shortener: short(first.url),
      final: short(first.final),
      hops: first.hops,
      chain: first.chain.slice(0, MAX_EXAMPLES).map(short),
      count: results.length,
    },
  )
}

function unresolvedFinding(results: UnshortenResult[]): Finding {
  // A short link that redirects to an internal address or another scheme is bait, not an outage.
  const refused = results.filter((r) => r.outcome === 'refused')
  const first = refused[0] ?? results[0]!
  const text =
    first.outcome === 'refused'
      ? `A shortened link (${short(first.url)}) leads where Moat does not follow: ${first.reason}.`
      : `A shortened link (${short(first.url)}) could not be followed, so where it leads was not checked: ${first.reason}.`
  return finding(
    'LINK_SHORTENER_UNRESOLVED',
    text + more(results.length),
    {
      urls: results.slice(0, MAX_EXAMPLES).map((r) => short(r.url)),
      reasons: unique(results.map((r) => r.reason ?? r.outcome)).slice(0, MAX_EXAMPLES),
      refused: refused.length > 0,
      count: results.length,
    },
    refused.length > 0 ? 'medium' : 'info',
  )
}

/** url beats host beats domain: the closer the match, the better the explanation. */
function best(matches: FeedMatch[]): FeedMatch {
  const rank = { url: 0, host: 1, domain: 2 }
  return [...matches].sort((a, b) => rank[a.matchedBy] - rank[b.matchedBy])[0]!
}

function threatWords(match: FeedMatch): string {
  const words = THREAT_WORDS[match.threat] ?? match.threat.replaceAll('_', ' ')
  return match.entry.family ? `${words} (${match.entry.family})` : words
}

function feedsOf(matches: FeedMatch[]): string {
  const names = unique(matches.map((m) => m.feed))
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

function families(matches: FeedMatch[]): { families?: string[] } {
  const found = unique(matches.flatMap((m) => (m.entry.family ? [m.entry.family] : [])))
  return found.length > 0 ? { families: found.slice(0, MAX_EXAMPLES) } : {}
}

function references(matches: FeedMatch[]): { references?: string[] } {
  const found = unique(matches.flatMap((m) => (m.entry.reference ? [m.entry.reference] : [])))
  return found.length > 0 ? { references: found.slice(0, MAX_EXAMPLES) } : {}
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return short(url)
  }
}

function short(url: string): string {
  return url.length > MAX_URL ? `${url.slice(0, MAX_URL - 3)}...` : url
}

function unique(items: string[]): string[] {
  return [...new Set(items)]
}

function more(count: number): string {
  if (count <= 1) return ''
  return count === 2 ? ' 1 more link does the same.' : ` ${count - 1} more links do the same.`
}

function finding(
  code: Code,
  text: string,
  evidence: Finding['evidence'],
  severity: Severity = URL_FEED_CODES[code],
): Finding {
  return { code, severity, text: text.slice(0, 500), evidence }
}
