/** Look-alike domains: which protected domain a host imitates (homoglyphs, typos, embedding, other TLD). */
import { BRAND_SIBLINGS } from './brands.ts'
import { editDistance } from './edit-distance.ts'
import { skeleton } from './confusables.ts'
import { toAscii, toUnicode } from './idn.ts'
import { type HostCache, type HostParts, hostParts, normaliseHost } from './registered-domain.ts'

export type LookalikeKind = 'homoglyph' | 'embedded' | 'other-tld' | 'edit-distance'

export interface Lookalike {
  /** The protected entry imitated, as configured ('paypal.com' or 'paypal.*'). */
  protectedDomain: string
  kind: LookalikeKind
  /** Edits between the names, for 'edit-distance'. */
  distance?: number
  /** For 'embedded': the name is followed by a domain ending (paypal.com.evil.net), a fake address. */
  asDomain?: boolean
}

interface Entry {
  display: string
  /** ASCII registered domain, or null for `name.*` entries. */
  domain: string | null
  label: string
  labelSkeleton: string
  /** The public suffix ('com', 'co.uk'), null for `name.*`. */
  suffix: string | null
  /** First label of the suffix ('com' of paypal.com, 'co' of mycompany.co.uk), null for `name.*`. */
  suffixHead: string | null
  /** Allowed edits between label skeletons: short names collide with real words too easily. */
  maxEdits: number
}

/** Strength order when several entries match: the most telling explanation wins. */
const RANK: Record<LookalikeKind, number> = { homoglyph: 4, embedded: 3, 'other-tld': 2, 'edit-distance': 1 }

/** Labels that read as a domain ending when they follow a brand name in a subdomain (paypal.com.evil.net). */
const SUFFIX_LIKE = new Set(['com', 'net', 'org', 'co', 'info', 'biz', 'io', 'us', 'uk', 'de', 'fr'])

/** Hosts whose answer is remembered per list; cleared whole when full (a cheap bound, no LRU needed). */
const MEMO_MAX = 10_000

/** A prepared protected list; build it once per list with `protectedDomains()`. */
export class ProtectedDomains {
  readonly #entries: Entry[] = []
  readonly #genuine = new Set<string>()
  readonly #anySuffix = new Set<string>()
  readonly #memo = new Map<string, Lookalike | null>()

  constructor(domains: readonly string[]) {
    for (const raw of domains) {
      const entry = prepare(raw)
      if (!entry) continue
      this.#entries.push(entry)
      if (entry.domain) this.#genuine.add(entry.domain)
      else this.#anySuffix.add(entry.label)
      for (const sibling of BRAND_SIBLINGS[entry.display] ?? []) this.#addSibling(sibling)
    }
  }

  /** A brand's own other domain: genuine, but not itself a name to imitate. Exact domains only (brands.ts). */
  #addSibling(raw: string): void {
    const text = normaliseHost(raw)
    if (text.includes('*')) return
    const domain = hostParts(text).registeredDomain
    if (domain) this.#genuine.add(domain)
  }

  get size(): number {
    return this.#entries.length
  }

  /** True when `host` belongs to a protected domain (the domain itself or a subdomain). */
  isGenuine(parts: HostParts): boolean {
    if (!parts.registeredDomain) return false
    if (this.#genuine.has(parts.registeredDomain)) return true
    if (!parts.isIcann || parts.label === null) return false
    return this.#anySuffix.has(parts.label)
  }

  /** Which protected domain `host` imitates, or null (genuine, unrelated, IP literal). */
  match(host: string, cache?: HostCache): Lookalike | null {
    // The same hosts recur across messages (newsletters, trackers): remember recent answers.
    const known = this.#memo.get(host)
    if (known !== undefined) return known
    const found = this.#match(host, cache)
    if (this.#memo.size >= MEMO_MAX) this.#memo.clear()
    this.#memo.set(host, found)
    return found
  }

  #match(host: string, cache?: HostCache): Lookalike | null {
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
  const embedded = isEmbedded(entry, label, tokens, subTokens)
  if (embedded) return { ...base, kind: 'embedded', ...(embedded === 'domain' ? { asDomain: true } : {}) }
  if (entry.maxEdits > 0 && label.length >= 3) {
    const distance = editDistance(label, entry.labelSkeleton, entry.maxEdits)
    if (distance > entry.maxEdits) return null
    // One edit on a mid-length name also turns real names into brands (paypay.ne.jp, PayPay of
    // Japan, is one letter from paypal): see isTypo. Under the entry's own ending any edit counts;
    // a `name.*` brand owns every ending, but real other names live mostly under country endings,
    // so for those any edit counts under generic endings (paypel.com, amazen.com) and only a typo
    // under country-code ones (paypay.ne.jp stays clean).
    const ownEnding = entry.domain ? parts.suffix === entry.suffix : !isCountryCode(parts.suffix)
    if (entry.maxEdits === 1 && !ownEnding && !isTypo(label, entry.labelSkeleton)) return null
    return { ...base, kind: 'edit-distance', distance }
  }
  return null
}

/** QWERTY rows: a neighbouring key is the usual slip of a finger. */
const KEY_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm']
/** Letters easily taken for one another in small type, beyond what the skeleton already folds. */
const LOOK_ALIKE_PAIRS = ['il', 'ij', 'lj', 'uv', 'nm', 'nh', 'ce', 'co', 'ao', 'gq', 'bd', 'pq']

/** Unordered pairs `ab` of characters one slip or one glance apart. */
const CLOSE_PAIRS = (() => {
  const pairs = new Set<string>()
  const add = (a: string | undefined, b: string | undefined) => {
    if (a && b) pairs.add(a < b ? a + b : b + a)
  }
  for (const [r, row] of KEY_ROWS.entries()) {
    // Rows are staggered: key c touches c-1 and c+1 beside it, c and c+1 above, c-1 and c below.
    for (let c = 0; c < row.length; c++) {
      add(row[c], row[c + 1])
      add(row[c], KEY_ROWS[r + 1]?.[c])
      add(row[c], KEY_ROWS[r + 1]?.[c - 1])
    }
  }
  for (const pair of LOOK_ALIKE_PAIRS) add(pair[0], pair[1])
  return pairs
})()

/**
 * True when `a` (one edit from `b`) reads as a typo of `b`. Typo-squatting follows the slips
 * people make (Moore and Edelman, "Measuring the perpetrators and funders of typosquatting",
 * FC 2010): a letter dropped, doubled or added, two letters swapped, or one replaced by a
 * neighbouring key or a look-alike. A letter replaced by an unrelated one (paypay for paypal)
 * is more often another real name than a trap, so it does not count.
 */
function isTypo(a: string, b: string): boolean {
  if (a.length !== b.length) return true
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  const x = a[i] ?? ''
  const y = b[i] ?? ''
  if (a[i + 1] === y && b[i + 1] === x) return true
  return CLOSE_PAIRS.has(x < y ? x + y : y + x)
}

/** True for a country-code ending ('de', 'co.uk', 'com.br'), as opposed to generic ones anyone can buy. */
function isCountryCode(suffix: string | null): boolean {
  if (!suffix) return false
  const top = suffix.slice(suffix.lastIndexOf('.') + 1)
  return top.length === 2
}

/**
 * The brand name used as a word of the host: `paypal-secure-login.com` (a hyphenated word of the
 * registered name) or `paypal.com.evil.net` / `paypal.com-verify.info` (the brand followed by a
 * domain ending, left of the real registered domain). A bare subdomain word is not enough:
 * `mycompany.sharepoint.com` is how SaaS tenants are named, not an imitation.
 */
function isEmbedded(entry: Entry, label: string, tokens: string[], subTokens: number): 'word' | 'domain' | null {
  const name = entry.labelSkeleton
  for (let i = 0; i < subTokens; i++) {
    if (tokens[i] !== name) continue
    const next = tokens[i + 1]
    if (next !== undefined && (entry.suffixHead ? next === entry.suffixHead : SUFFIX_LIKE.has(next))) return 'domain'
  }
  const words = label.split('-')
  // Names under 4 letters (dhl, ups) count only as the first word, or every "pop-ups" would match.
  if (words.length > 1 && words.some((w, i) => w === name && (name.length >= 4 || i === 0))) return 'word'
  return null
}

function prepare(raw: string): Entry | null {
  const text = normaliseHost(raw)
  if (text.endsWith('.*')) {
    const label = toAscii(text.slice(0, -2))
    if (!label || label.includes('.')) return null
    const labelSkeleton = skeleton(toUnicode(label))
    return {
      display: text,
      domain: null,
      label,
      labelSkeleton,
      suffix: null,
      suffixHead: null,
      maxEdits: maxEdits(labelSkeleton),
    }
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
    suffix: parts.suffix,
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

const byOrganization = new WeakMap<object, WeakMap<readonly string[], ProtectedDomains>>()

/**
 * The organization's own and protected domains plus an engine's brand list, prepared once per
 * (organization, brand list) pair: both are the same objects for every message of a policy.
 */
export function protectedListFor(
  organization: { domains: readonly string[]; protectedDomains: readonly string[] },
  brandDomains: readonly string[],
): ProtectedDomains {
  let byBrands = byOrganization.get(organization)
  if (!byBrands) byOrganization.set(organization, (byBrands = new WeakMap()))
  let list = byBrands.get(brandDomains)
  if (!list) {
    list = protectedDomains([...organization.domains, ...organization.protectedDomains, ...brandDomains])
    byBrands.set(brandDomains, list)
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

/**
 * Words phishing hosts add to a borrowed name: sign-in, account and payment pages, and the
 * parcel lures of carrier phishing. Matched inside the host, so 'verif' covers verify-account.
 */
const LURE_WORDS = [
  'login',
  'logon',
  'signin',
  'sign-in',
  'secure',
  'verif',
  'account',
  'update',
  'support',
  'billing',
  'password',
  'auth',
  'wallet',
  'confirm',
  'unlock',
  'recover',
  'suspend',
  'payment',
  'invoice',
  'payroll',
  'refund',
  'webmail',
  'helpdesk',
  'track',
  'parcel',
  'deliver',
  'shipment',
  'customs',
]

/**
 * Words a brand's own service would be called by: brand plus one of these as the whole registered
 * name on a generic ending (paypal-service.com, dhl-express.top, microsoft-teams.net) reads as the
 * brand's own site. Matched as whole words, unlike LURE_WORDS ('pay' is inside 'paypal').
 */
const SERVICE_WORDS = new Set([
  'service',
  'services',
  'support',
  'express',
  'teams',
  'prime',
  'secure',
  'security',
  'login',
  'signin',
  'verify',
  'account',
  'accounts',
  'billing',
  'update',
  'online',
  'help',
  'center',
  'centre',
  'pay',
  'payment',
  'wallet',
  'delivery',
  'parcel',
  'track',
  'tracking',
  'shipping',
  'portal',
  'customer',
  'id',
  'mail',
])

/**
 * How strongly a look-alike counts. Every kind but 'embedded' only exists to deceive, and so does
 * a name dressed as an address (paypal.com.evil.net). A name used as a word of another domain is
 * high when:
 * - the host carries a lure word anywhere (paypal-secure-login.com, appleid.apple-verify-account.com), or
 * - the registered name is the brand plus one service word (SERVICE_WORDS), in either order, under a
 *   generic ending (.com .net .top ...): paypal-service.com, dhl-express.top, amazon-prime.net.
 * Otherwise it is medium: more words or other words (amazon-river-tours.com, adobe-homes.com), or a
 * country-code / public-sector ending (apple-valley.k12.mn.us), are often innocent.
 */
export function lookalikeSeverity(host: string, lookalike: Lookalike): 'high' | 'medium' {
  if (lookalike.kind !== 'embedded' || lookalike.asDomain) return 'high'
  const h = host.toLowerCase()
  if (LURE_WORDS.some((w) => h.includes(w))) return 'high'
  const parts = hostParts(toAscii(normaliseHost(host)) ?? normaliseHost(host))
  if (!parts.label || isCountryCode(parts.suffix)) return 'medium'
  const brand = brandLabel(lookalike.protectedDomain)
  const words = skeleton(toUnicode(parts.label)).split('-')
  if (words.length !== 2 || !brand) return 'medium'
  const [a, b] = words as [string, string]
  const other = a === brand ? b : b === brand ? a : null
  return other !== null && SERVICE_WORDS.has(other) ? 'high' : 'medium'
}

/** The skeleton of a protected entry's name: 'paypal' for 'paypal.*' and for 'paypal.com'. */
function brandLabel(protectedDomain: string): string | null {
  const label = protectedDomain.endsWith('.*') ? protectedDomain.slice(0, -2) : hostParts(protectedDomain).label
  return label ? skeleton(toUnicode(label)) : null
}
