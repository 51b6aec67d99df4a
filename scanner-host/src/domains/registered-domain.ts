/** Registered domains (public suffix + one label, per the Public Suffix List) via tldts, cached per message. */
import { parse } from 'tldts'

export interface HostParts {
  /** Lower-case host without brackets or trailing dot. */
  host: string
  /** The eTLD+1 ('paypal.co.uk' for www.paypal.co.uk), or null for IP literals and bare suffixes. */
  registeredDomain: string | null
  /** The registered domain's own label ('paypal'), or null. */
  label: string | null
  /** The public suffix ('co.uk'), or null. */
  suffix: string | null
  /** Labels left of the registered domain ('www'); '' when none. */
  subdomain: string
  /** True when the suffix is in the ICANN section of the list (not just the PSL's `*` default rule). */
  isIcann: boolean
  isIp: boolean
}

/** Hosts longer than DNS allows (RFC 1035 s2.3.4: 255 octets) are not parsed, only lower-cased. */
const MAX_HOST_LENGTH = 255

/** Lower-cases and strips `[]` and one trailing dot: `WWW.Example.COM.` -> `www.example.com`. */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase()
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1)
  if (h.endsWith('.')) h = h.slice(0, -1)
  return h
}

/**
 * Splits a host into registered domain, label and suffix. Private PSL entries (blogspot.com,
 * s3.amazonaws.com) are ignored on purpose: tenants there are not independent domains for the
 * question "does this link go where its text says".
 */
export function hostParts(host: string): HostParts {
  const h = normaliseHost(host)
  const none: HostParts = {
    host: h,
    registeredDomain: null,
    label: null,
    suffix: null,
    subdomain: '',
    isIcann: false,
    isIp: false,
  }
  if (h.length === 0 || h.length > MAX_HOST_LENGTH || h.includes('..')) return none
  const p = parse(h, { extractHostname: false, allowPrivateDomains: false })
  if (p.isIp) return { ...none, isIp: true }
  if (!p.domain || !p.domainWithoutSuffix) return none
  return {
    host: h,
    registeredDomain: p.domain,
    label: p.domainWithoutSuffix,
    suffix: p.publicSuffix,
    subdomain: p.subdomain ?? '',
    isIcann: p.isIcann === true,
    isIp: false,
  }
}

/** Registered domain of `host`, or null (IP literal, bare suffix, empty). */
export function registeredDomain(host: string): string | null {
  return hostParts(host).registeredDomain
}

/** Memoises hostParts for one message: newsletters repeat the same few hosts hundreds of times. */
export class HostCache {
  readonly #parts = new Map<string, HostParts>()
  readonly #max: number

  /** `max` bounds memory on link-farm messages; past it, hosts are parsed without caching. */
  constructor(max = 4096) {
    this.#max = max
  }

  get(host: string): HostParts {
    const cached = this.#parts.get(host)
    if (cached) return cached
    const parts = hostParts(host)
    if (this.#parts.size < this.#max) this.#parts.set(host, parts)
    return parts
  }
}

/** True when `host` is `domain` or a subdomain of it (label-aligned, so `notpaypal.com` is not). */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  return (
    host === domain ||
    (host.length > domain.length && host.endsWith(domain) && host[host.length - domain.length - 1] === '.')
  )
}
