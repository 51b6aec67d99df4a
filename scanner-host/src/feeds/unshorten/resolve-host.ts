/**
 * Host name resolution for the unshortener: asynchronous DNS (c-ares) with configurable servers,
 * bounded by a deadline and cancelled with it. Not the system's getaddrinfo: that runs on libuv's
 * four worker threads, cannot be cancelled, and with a resolver that never answers would hold
 * them (and with them file reads) for the system's whole retry time.
 */
import { promises as dns } from 'node:dns'

/** Addresses of `host` (IPv4 and IPv6), or a rejection; must give up when `signal` aborts. */
export type ResolveHost = (host: string, options: { signal: AbortSignal; timeoutMs: number }) => Promise<string[]>

/** `servers`: `1.1.1.1`, `[2606:4700:4700::1111]:53`; empty means the system's (/etc/resolv.conf). */
export function dnsResolver(servers: readonly string[]): ResolveHost {
  return async (host, { signal, timeoutMs }) => {
    signal.throwIfAborted()
    // One try per server, each no longer than the time left; c-ares keeps its own timers otherwise.
    const resolver = new dns.Resolver({ timeout: Math.max(1, Math.ceil(timeoutMs)), tries: 1 })
    if (servers.length > 0) resolver.setServers([...servers])
    const cancel = () => resolver.cancel()
    signal.addEventListener('abort', cancel, { once: true })
    try {
      const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)])
      signal.throwIfAborted()
      const addresses = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])]
      if (addresses.length > 0) return addresses
      const failure = v4.status === 'rejected' ? (v4.reason as unknown) : v6.status === 'rejected' ? v6.reason : null
      throw failure instanceof Error ? failure : new Error(`no address for ${host}`)
    } finally {
      signal.removeEventListener('abort', cancel)
    }
  }
}
