/** IMPERSONATION_DISPLAY_NAME_ADDRESS: the display name shows an address or domain of another site. */
import type { Finding } from '@moat/contract'
import { toAscii } from '../../domains/idn.ts'
import type { ProtectedDomains } from '../../domains/lookalike.ts'
import type { HostCache } from '../../domains/registered-domain.ts'
import type { MailAddress } from '../../message/parsed-message.ts'
import { type Domain, domainOf } from './sender.ts'

/** Display names past this are cut: no real name is longer, and hostile ones can be megabytes. */
const MAX_NAME = 256
const SEPARATORS = /[\s<>()[\]{}"',;|]+/

export interface ShownDomain {
  /** The word as written in the display name ('ceo@mycompany.com', 'PayPal.com'). */
  shown: string
  /** Its host name in ASCII form. */
  host: string
  /** Its registered domain. */
  site: string
  /** Written as an address or URL (`ceo@x.com`, `https://x.com`), not only as a name (`X.com`). */
  explicit: boolean
}

/**
 * Addresses and domain names written in a display name. A bare word counts only when it ends in
 * a real (ICANN) public suffix, so "J.R.R. Tolkien" or "v2.1" are not domains; see also
 * looksLikeDomainWord.
 */
export function domainsInDisplayName(name: string, cache: HostCache): ShownDomain[] {
  const found: ShownDomain[] = []
  for (const word of name.slice(0, MAX_NAME).split(SEPARATORS)) {
    let host = word.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/, '')
    const at = host.lastIndexOf('@')
    if (at >= 0) host = host.slice(at + 1)
    host = host.replace(/^\.+|[.:!?]+$/g, '')
    if (!host.includes('.')) continue
    const parts = cache.get(toAscii(host) ?? host)
    if (!parts.registeredDomain || !parts.isIcann || !parts.label || !parts.suffix) continue
    const explicit = at >= 0 || /^[a-z][a-z0-9+.-]*:\/\//i.test(word)
    if (!explicit && !looksLikeDomainWord(parts.label, parts.suffix)) continue
    found.push({ shown: word.replace(/[.:!?]+$/, ''), host: parts.host, site: parts.registeredDomain, explicit })
  }
  return found
}

/** Endings that are read as domains in running text; brand TLDs (.hughes, .smith) read as surnames. */
const COMMON_ENDINGS = new Set([
  'com',
  'net',
  'org',
  'info',
  'biz',
  'edu',
  'gov',
  'io',
  'app',
  'online',
  'site',
  'shop',
  'xyz',
])

/**
 * A bare word ("PayPal.com") counts as a domain only with a name of two letters or more and a
 * common or country ending: "R.Hughes" and "A.Smith" are initials before a surname that happens
 * to be a brand top-level domain.
 */
function looksLikeDomainWord(label: string, suffix: string): boolean {
  const last = suffix.slice(suffix.lastIndexOf('.') + 1)
  return label.length >= 2 && (last.length === 2 || COMMON_ENDINGS.has(last))
}

/**
 * The finding when the display name names a site other than the one the mail comes from. An
 * address or URL always counts. A bare site name counts only when it is, or imitates, a protected
 * domain or brand: newsletters are routinely named after a site and sent through a mailing
 * service ("CNET News.com" <...@newsletter.online.com>: 28 of the 250 SpamAssassin hard-ham messages).
 */
export function displayNameAddress(
  from: MailAddress,
  protectedList: ProtectedDomains,
  cache: HostCache,
): Finding | null {
  const sender: Domain | null = domainOf(from.address, cache)
  if (!sender || !from.name) return null
  const other = domainsInDisplayName(from.name, cache).find(
    (d) =>
      d.site !== sender.site &&
      (d.explicit || protectedList.isGenuine(cache.get(d.host)) || protectedList.match(d.host, cache) !== null),
  )
  if (!other) return null
  return {
    code: 'IMPERSONATION_DISPLAY_NAME_ADDRESS',
    severity: 'high',
    text: `The sender's name shows "${other.shown}", but the message comes from ${from.address}.`.slice(0, 500),
    evidence: {
      displayName: from.name.slice(0, MAX_NAME),
      shownDomain: other.site,
      fromAddress: from.address,
      fromDomain: sender.site,
    },
  }
}
