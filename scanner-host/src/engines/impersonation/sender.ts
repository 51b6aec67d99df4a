/** The sender as the checks see it: From address, its domain and registered domain, the organization. */
import { HostCache, isSameOrSubdomain, normaliseHost } from '../../domains/registered-domain.ts'
import { toAscii } from '../../domains/idn.ts'
import type { Organization } from '../../policy/organization.ts'

export interface Domain {
  /** ASCII (punycode) lower-case domain of an address. */
  domain: string
  /** Its registered domain, or the domain itself when it has none (IP literal, single label). */
  site: string
}

/** Domain of an address (`x@Mail.Example.COM` -> mail.example.com), or null without one. */
export function domainOf(address: string, cache: HostCache): Domain | null {
  const at = address.lastIndexOf('@')
  if (at < 0) return null
  const host = normaliseHost(address.slice(at + 1))
  if (host === '') return null
  const domain = toAscii(host) ?? host
  return { domain, site: cache.get(domain).registeredDomain ?? domain }
}

/** True when `domain` is one of the organization's domains or under one. */
export function isInside(domain: Domain, organization: Organization): boolean {
  return organization.domains.some((d) => isSameOrSubdomain(domain.domain, d) || domain.site === d)
}
