/**
 * Unshortener: where a link on a known URL shortener leads, found by following the shortener's
 * redirects without reading any page. Only shortener hosts are contacted (the destination itself
 * is never fetched: that could confirm the recipient to a phishing kit); each is resolved once by
 * our own DNS and the connection pinned to an address checked against AddressPolicy; at most
 * `maxHops` requests within `timeoutMs`. Failing is an answer ('unresolved', 'refused'), not an error.
 */
import { isIP } from 'node:net'
import { hostParts } from '../../domains/registered-domain.ts'
import { AddressPolicy } from './address-policy.ts'
import { requestPinned, type HopAnswer } from './pinned-request.ts'
import type { ResolveHost } from './resolve-host.ts'
import { TtlCache } from './ttl-cache.ts'

export interface UnshortenOptions {
  /** Hosts (or registered domains) that are shorteners; no other host is ever contacted. */
  shorteners: Iterable<string>
  resolve: ResolveHost
  /** Requests per link; chains of shorteners (bit.ly to ow.ly) need two. */
  maxHops?: number
  /** For the whole chain, DNS included. */
  timeoutMs?: number
  /** CIDRs exempt from the address refusal. */
  allowedNetworks?: readonly string[]
  /** Longer Location headers are refused: real short links expand to a few hundred characters. */
  maxLocationLength?: number
  cacheSize?: number
  /** How long a followed (or refused) link is remembered: short links rarely change target. */
  cacheTtlMs?: number
  /** How long a failure (DNS, timeout) is remembered, so a campaign does not pay for it per message. */
  failureTtlMs?: number
}

export type UnshortenOutcome = 'resolved' | 'refused' | 'unresolved'

export interface UnshortenResult {
  /** `resolved`: `final` is where the shorteners lead. `refused`: the chain leads somewhere Moat will not go
   * (an internal address, another scheme). `unresolved`: it could not be followed (DNS, timeout, no redirect). */
  outcome: UnshortenOutcome
  url: string
  /** The last address reached: the destination when resolved. */
  final: string
  /** Redirects followed. */
  hops: number
  /** `url`, then each redirect's target. */
  chain: string[]
  /** Why it was refused or not resolved. */
  reason?: string
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
/** DNS answers are kept this long; the pinned address is still checked on every use. */
const DNS_TTL_MS = 60_000

class Refusal extends Error {}

export class Unshortener {
  readonly #shorteners: ReadonlySet<string>
  readonly #resolve: ResolveHost
  readonly #policy: AddressPolicy
  readonly #maxHops: number
  readonly #timeoutMs: number
  readonly #maxLocation: number
  readonly #cacheTtlMs: number
  readonly #failureTtlMs: number
  readonly #results: TtlCache<UnshortenResult>
  readonly #addresses: TtlCache<string[] | Error>
  readonly #pending = new Map<string, Promise<UnshortenResult>>()

  constructor(options: UnshortenOptions) {
    this.#shorteners = new Set(options.shorteners)
    this.#resolve = options.resolve
    this.#policy = new AddressPolicy(options.allowedNetworks)
    this.#maxHops = options.maxHops ?? 3
    this.#timeoutMs = options.timeoutMs ?? 1500
    this.#maxLocation = options.maxLocationLength ?? 2048
    this.#cacheTtlMs = options.cacheTtlMs ?? 3_600_000
    this.#failureTtlMs = options.failureTtlMs ?? 60_000
    this.#results = new TtlCache(options.cacheSize ?? 2000)
    this.#addresses = new TtlCache(256)
  }

  /** True when `host` or its registered domain is a known shortener. */
  isShortener(host: string): boolean {
    if (this.#shorteners.has(host)) return true
    const domain = hostParts(host).registeredDomain
    return domain !== null && this.#shorteners.has(domain)
  }

  /** Follows `url`; `signal` is the caller's deadline (the scan's), on top of `timeoutMs`. */
  async unshorten(url: string, signal: AbortSignal): Promise<UnshortenResult> {
    let start: URL
    try {
      start = new URL(url)
    } catch {
      return { outcome: 'refused', url, final: url, hops: 0, chain: [url], reason: 'not a URL' }
    }
    start.hash = ''
    const key = start.href
    const early = this.#urlRefusal(start) ?? (this.isShortener(start.hostname) ? null : 'not a known shortener')
    if (early) return { outcome: 'refused', url: key, final: key, hops: 0, chain: [key], reason: early }
    const cached = this.#results.get(key)
    if (cached) return cached
    let pending = this.#pending.get(key)
    if (!pending) {
      pending = this.#follow(start, signal).then((result) => {
        // A scan that ran out of time says nothing about the link: only its own outcomes are kept.
        if (!signal.aborted) {
          this.#results.set(key, result, result.outcome === 'unresolved' ? this.#failureTtlMs : this.#cacheTtlMs)
        }
        return result
      })
      pending.finally(() => this.#pending.delete(key)).catch(() => {})
      this.#pending.set(key, pending)
    }
    return raceAbort(pending, signal, () => ({
      outcome: 'unresolved',
      url: key,
      final: key,
      hops: 0,
      chain: [key],
      reason: 'the scan deadline passed',
    }))
  }

  async #follow(start: URL, outer: AbortSignal): Promise<UnshortenResult> {
    const signal = AbortSignal.any([outer, AbortSignal.timeout(this.#timeoutMs)])
    const endsAt = performance.now() + this.#timeoutMs
    const chain = [start.href]
    const done = (outcome: UnshortenOutcome, reason?: string): UnshortenResult => ({
      outcome,
      url: start.href,
      final: chain.at(-1)!,
      hops: chain.length - 1,
      chain,
      ...(reason === undefined ? {} : { reason }),
    })
    let current = start
    try {
      for (;;) {
        // The destination is not contacted: it is only looked up in the feeds.
        if (chain.length > 1 && !this.isShortener(current.hostname)) return done('resolved')
        if (chain.length > this.#maxHops) return done('unresolved', `still redirecting after ${this.#maxHops} hops`)
        const answer = await this.#ask(current, signal, endsAt)
        if (!REDIRECTS.has(answer.status) || answer.location === null) {
          return done('unresolved', `${current.host} answered ${answer.status} without a redirect`)
        }
        if (answer.location.length > this.#maxLocation) {
          return done('refused', `the redirect is longer than ${this.#maxLocation} characters`)
        }
        let next: URL
        try {
          next = new URL(answer.location, current)
        } catch {
          return done('unresolved', 'the redirect is not a URL')
        }
        next.hash = ''
        chain.push(next.href.slice(0, this.#maxLocation))
        const why = this.#urlRefusal(next)
        if (why) return done('refused', `redirects to ${why}`)
        current = next
      }
    } catch (error) {
      if (error instanceof Refusal) return done('refused', error.message)
      if (outer.aborted) return done('unresolved', 'the scan deadline passed')
      if (signal.aborted) return done('unresolved', `not followed within ${this.#timeoutMs} ms`)
      return done('unresolved', describe(error))
    }
  }

  /** HEAD first; some shorteners refuse HEAD (405, 403), so a GET whose body is not read follows. */
  async #ask(url: URL, signal: AbortSignal, endsAt: number): Promise<HopAnswer> {
    const address = await this.#address(url, signal, endsAt)
    const head = await requestPinned(url, address, 'HEAD', signal)
    return head.status >= 400 ? requestPinned(url, address, 'GET', signal) : head
  }

  /** One address of `url`'s host that may be connected to; refuses when any address is internal. */
  async #address(url: URL, signal: AbortSignal, endsAt: number): Promise<string> {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    let addresses: string[]
    if (isIP(host)) addresses = [host]
    else {
      const cached = this.#addresses.get(host)
      if (cached instanceof Error) throw cached
      addresses = cached ?? (await this.#lookup(host, signal, endsAt))
    }
    // A name with any internal address is refused outright: it is either misconfigured or a trap.
    for (const address of addresses) {
      const why = this.#policy.refusal(address)
      if (why) throw new Refusal(isIP(host) ? why : `${host} resolves to ${why}`)
    }
    return addresses.find((a) => isIP(a) === 4) ?? addresses[0]!
  }

  async #lookup(host: string, signal: AbortSignal, endsAt: number): Promise<string[]> {
    try {
      const addresses = await this.#resolve(host, { signal, timeoutMs: Math.max(1, endsAt - performance.now()) })
      if (addresses.length === 0) throw new Error('no address')
      this.#addresses.set(host, addresses, DNS_TTL_MS)
      return addresses
    } catch (error) {
      if (signal.aborted) throw error
      const failure = new Error(`no address for ${host} (${describe(error)})`)
      this.#addresses.set(host, failure, this.#failureTtlMs)
      throw failure
    }
  }

  /** Why Moat will not follow `url` at all, or null. */
  #urlRefusal(url: URL): string | null {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `a ${url.protocol.slice(0, 20)} address`
    if (url.username !== '' || url.password !== '') return 'an address with a user name or password'
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    return isIP(host) ? this.#policy.refusal(host) : null
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200)
  const code = (error as { code?: unknown }).code
  return (
    typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message
  ).slice(0, 200)
}

/** `promise`, or `onAbort()` as soon as `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => T): Promise<T> {
  if (signal.aborted) return Promise.resolve(onAbort())
  return new Promise((resolve, reject) => {
    const abort = () => resolve(onAbort())
    signal.addEventListener('abort', abort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}
