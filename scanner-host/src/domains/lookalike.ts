/** Look-alike domains: which protected domain a host imitates (homoglyphs, typos, embedding, other TLD). */
import { editDistance } from './edit-distance.ts'
import { skeleton } from './confusables.ts'
import { toAscii, toUnicode } from './idn.ts'
import { type HostCache, type HostParts, hostParts, isSameOrSubdomain, normaliseHost } from './registered-domain.ts'

export type LookalikeKind = 'homoglyph' | 'embedded' | 'other-tld' | 'edit-distance'

export interface Lookalike {
  /** The protected entry imitated, as configured ('paypal.com' or 'paypal.*'). */
  protectedDomain: string
  kind: LookalikeKind
  /** Edits between the names, for 'edit-distance'. */
  distance?: number
}

interface Entry {
  display: string
  /** ASCII registered domain, or null for `name.*` entries. */
  domain: string | null
  label: string
  labelSkeleton: string
  /** First label of the suffix ('com' of paypal.com, 'co' of mycompany.co.uk), null for `name.*`. */
  suffixHead: string | null
  /** Allowed edits between label skeletons: short names collide with real words too easily. */
  maxEdits: number
}

/** Strength order when several entries match: the most telling explanation wins. */
const RANK: Record<LookalikeKind, number> = { homoglyph: 4, embedded: 3, 'other-tld': 2, 'edit-distance': 1 }

/** Labels that read as a domain ending when they follow a brand name in a subdomain (paypal.com.evil.net). */
const SUFFIX_LIKE = new Set(['com', 'net', 'org', 'co', 'info', 'biz', 'io', 'us', 'uk', 'de', 'fr'])

/** A prepared protected list; build it once per list with `protectedDomains()`. */
export class ProtectedDomains {
  readonly #entries: Entry[] = []
  readonly #genuine = new Set<string>()
  readonly #anySuffix = new Set<string>()

  constructor(domains: readonly string[]) {
    for (const raw of domains) {
      const entry = prepare(raw)
      if (!entry) continue
      this.#entries.push(entry)
      if (entry.domain) this.#genuine.add(entry.domain)
      else this.#anySuffix.add(entry.label)
    }
  }

  get size(): number {
    return this.#entries.length
  }

  /** True when `host` belongs to a protected domain (the domain itself or a subdomain). */
  isGenuine(parts: HostParts): boolean {
    if (!parts.registeredDomain) return false
    if (this.#genuine.has(parts.registeredDomain)) return true
    return parts.isIcann && parts.label !== null && this.#anySuffix.has(parts.label)
  }

  /** Which protected domain `host` imitates, or null (genuine, unrelated, IP literal). */
  match(host: string, cache?: HostCache): Lookalike | null {
    const ascii = toAscii(normaliseHost(host)) ?? normaliseHost(host)
    const parts = cache ? cache.get(ascii) : hostParts(ascii)
    if (!parts.registeredDomain || !parts.label || this.isGenuine(parts)) return null
    const label = skeleton(toUnicode(parts.label))
    const tokens = skeleton(toUnicode(parts.host)).split(/[.-]/)
    const subTokens = parts.subdomain === '' ? 0 : skeleton(toUnicode(parts.subdomain)).split(/[.-]/).length
    let best: Lookalike | null = null
    for (const entry of this.#entries) {
      const found = compare(entry, parts, label, tokens, subTokens)
      if (found && (!best || RANK[found.kind] > RANK[best.kind])) best = found
      if (best?.kind === 'homoglyph') break
    }
    return best
  }
}

function compare(entry: Entry, parts: HostParts, label: string, tokens: string[], subTokens: number): Lookalike | null {
  const base = { protectedDomain: entry.display }
  if (parts.label === entry.label) return entry.domain ? { ...base, kind: 'other-tld' } : null
  if (label === entry.labelSkeleton) return { ...base, kind: 'homoglyph' }
  if (isEmbedded(entry, label, tokens, subTokens)) return { ...base, kind: 'embedded' }
  if (entry.maxEdits > 0 && label.length >= 3) {
    const distance = editDistance(label, entry.labelSkeleton, entry.maxEdits)
    if (distance <= entry.maxEdits) return { ...base, kind: 'edit-distance', distance }
  }
  return null
}

/**
 * The brand name used as a word of the host: `paypal-secure-login.com` (a hyphenated word of the
 * registered name) or `paypal.com.evil.net` / `paypal.com-verify.info` (the brand followed by a
 * domain ending, left of the real registered domain). A bare subdomain word is not enough:
 * `mycompany.sharepoint.com` is how SaaS tenants are named, not an imitation.
 */
function isEmbedded(entry: Entry, label: string, tokens: string[], subTokens: number): boolean {
  const name = entry.labelSkeleton
  const words = label.split('-')
  // Names under 4 letters (dhl, ups) count only as the first word, or every "pop-ups" would match.
  if (words.length > 1 && words.some((w, i) => w === name && (name.length >= 4 || i === 0))) return true
  for (let i = 0; i < subTokens; i++) {
    if (tokens[i] !== name) continue
    const next = tokens[i + 1]
    if (next !== undefined && (entry.suffixHead ? next === entry.suffixHead : SUFFIX_LIKE.has(next))) return true
  }
  return false
}

function prepare(raw: string): Entry | null {
  const text = normaliseHost(raw)
  if (text.endsWith('.*')) {
    const label = toAscii(text.slice(0, -2))
    if (!label || label.includes('.')) return null
    const labelSkeleton = skeleton(toUnicode(label))
    return { display: text, domain: null, label, labelSkeleton, suffixHead: null, maxEdits: maxEdits(labelSkeleton) }
  }
  const ascii = toAscii(text)
  const parts = ascii ? hostParts(ascii) : null
  if (!parts?.registeredDomain || !parts.label || !parts.suffix) return null
  const labelSkeleton = skeleton(toUnicode(parts.label))
  return {
    display: parts.registeredDomain,
    domain: parts.registeredDomain,
    label: parts.label,
    labelSkeleton,
    suffixHead: parts.suffix.split('.')[0]!,
    maxEdits: maxEdits(labelSkeleton),
  }
}

/** 0 edits under 6 letters (apple/apply, gmail/email), 1 up to 9, 2 from 10 (bankofamerica). */
function maxEdits(name: string): number {
  if (name.length < 6) return 0
  return name.length < 10 ? 1 : 2
}

const prepared = new Map<string, ProtectedDomains>()
const PREPARED_MAX = 32

/** The prepared form of `domains`, memoised: engines call this per message with the same lists. */
export function protectedDomains(domains: readonly string[]): ProtectedDomains {
  const key = domains.join('\n')
  let list = prepared.get(key)
  if (!list) {
    if (prepared.size >= PREPARED_MAX) prepared.clear()
    list = new ProtectedDomains(domains)
    prepared.set(key, list)
  }
  return list
}

/**
 * Which protected domain `domain` imitates, and how; null when it is a protected domain, a
 * subdomain of one, or unrelated.
 *
 * @example lookalikeOf('paypa1.com', ['paypal.com']) // { protectedDomain: 'paypal.com', kind: 'homoglyph' }
 */
export function lookalikeOf(
  domain: string,
  protectedList: readonly string[] | ProtectedDomains,
  cache?: HostCache,
): Lookalike | null {
  const list = protectedList instanceof ProtectedDomains ? protectedList : protectedDomains(protectedList)
  return list.match(domain, cache)
}

/** True when `host` is a protected domain or under one (exact entries only). */
export function isUnder(host: string, domains: readonly string[]): boolean {
  const h = normaliseHost(host)
  return domains.some((d) => isSameOrSubdomain(h, d))
}

/** The imitated name for a sentence: 'paypal.com', or 'apple' for an `apple.*` entry. */
export function imitatedName(lookalike: Lookalike): string {
  const d = lookalike.protectedDomain
  return d.endsWith('.*') ? d.slice(0, -2) : d
}

/** How a look-alike imitates, in words a mailbox owner understands. */
export const LOOKALIKE_HOW: Record<LookalikeKind, string> = {
  homoglyph: 'it swaps letters for look-alike characters',
  embedded: 'it puts that name inside a different domain',
  'other-tld': 'it is the same name with a different ending',
  'edit-distance': 'it differs by a letter or two',
}
