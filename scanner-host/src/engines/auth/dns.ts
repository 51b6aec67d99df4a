/** DnsResolver: the DNS function mailauth calls, the system one built from the engine's config, and DNS error codes. */
import { Resolver } from 'node:dns/promises'
import type { AuthConfig } from './config.ts'

/**
 * Answers one DNS question as `dns.promises.resolve` does: TXT as `string[][]` (the chunks of each
 * record), A/AAAA as `string[]`, MX as `{ exchange, priority }[]`. Fails with an Error whose
 * `code` is Node's (`ENOTFOUND`, `ENODATA`, `ETIMEOUT`, `ESERVFAIL`, ...).
 */
export type DnsResolver = (name: string, rrtype: string) => Promise<unknown[]>

/** Codes that mean "the name or record does not exist": an answer, not a failure. */
const NO_DATA = new Set(['ENOTFOUND', 'ENODATA'])

export function dnsError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code })
}

export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'EFAILED'
}

/** True when the error says the name or record does not exist (RFC 7208 s4.3, RFC 7489 s6.6.3: no record, no policy). */
export function isNoData(err: unknown): boolean {
  return NO_DATA.has(errorCode(err))
}

export interface SystemResolver {
  resolve: DnsResolver
  /** Cancels questions in flight, for the engine's close(). */
  cancel(): void
}

/**
 * Node's c-ares resolver with a small timeout and one retry: c-ares doubles the timeout on each
 * try, so a third of the budget per first try keeps both within `dnsTimeoutMs`.
 */
export function systemResolver(config: Pick<AuthConfig, 'dnsServers' | 'dnsTimeoutMs'>): SystemResolver {
  const resolver = new Resolver({ timeout: Math.max(50, Math.ceil(config.dnsTimeoutMs / 3)), tries: 2 })
  if (config.dnsServers.length > 0) resolver.setServers(config.dnsServers)
  return {
    resolve: (name, rrtype) => resolver.resolve(name, rrtype) as Promise<unknown[]>,
    cancel: () => resolver.cancel(),
  }
}
