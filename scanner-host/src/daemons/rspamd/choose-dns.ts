/** chooseDns: which resolver Moat's Rspamd asks: one given, the system's when it really resolves, or Moat's NXDOMAIN stub. */
import { getServers, promises as dnsPromises } from 'node:dns'
import { isIP } from 'node:net'
import { startDnsStub, type DnsStub } from '../dns-stub.ts'

/**
 * - `given`: the caller named a resolver (best: a local recursive one such as Unbound, as Rspamd's
 *   documentation recommends); used as is.
 * - `system`: the machine's resolvers, because they resolved a name that exists everywhere.
 * - `stub`: no working DNS (offline, or a resolver that drops or refuses Internet names): Moat's
 *   stub answers "no such name" at once, and the checks that need DNS are switched off.
 */
export type DnsMode = 'given' | 'system' | 'stub'

export interface DnsChoice {
  mode: DnsMode
  /** For Rspamd's `dns.nameserver`. */
  servers: string[]
  /** The stub Moat started, to be closed with Rspamd. */
  stub: DnsStub | null
  /** Why this choice, in a sentence for the log and health pages. */
  why: string
}

/** `'stub'`, `'system'`, `'host:port'` (or a bare IP for port 53), or undefined to decide by probing. */
export async function chooseDns(
  dnsServer: string | undefined,
  probe: (servers: string[]) => Promise<boolean> = resolvesRealNames,
): Promise<DnsChoice> {
  if (dnsServer === 'stub') return stubChoice('the stub was asked for')
  if (dnsServer !== undefined && dnsServer !== 'system') {
    return { mode: 'given', servers: [nameserver(dnsServer)], stub: null, why: `resolver ${dnsServer} was given` }
  }
  const servers = getServers()
  if (servers.length === 0) return stubChoice('the machine has no resolver configured')
  if (dnsServer === 'system') return { mode: 'system', servers: servers.map(nameserver), stub: null, why: 'asked for' }
  if (await probe(servers)) {
    return { mode: 'system', servers: servers.map(nameserver), stub: null, why: `${servers.join(', ')} resolve names` }
  }
  return stubChoice(`the machine's resolver (${servers.join(', ')}) did not resolve the name servers of .com`)
}

async function stubChoice(why: string): Promise<DnsChoice> {
  const stub = await startDnsStub()
  return { mode: 'stub', servers: [stub.address], stub, why }
}

/**
 * Asks for the name servers of `com`, which exist in every resolver that reaches the Internet. A
 * resolver that times out, refuses, or says "no such name" (this project's build machines have one
 * that answers NXDOMAIN to nearly everything and drops the rest) gives Rspamd nothing but delays.
 */
export async function resolvesRealNames(servers: string[], timeoutMs = 2000): Promise<boolean> {
  const resolver = new dnsPromises.Resolver({ timeout: timeoutMs, tries: 1 })
  resolver.setServers(servers)
  try {
    return (await resolver.resolveNs('com')).length > 0
  } catch {
    return false
  } finally {
    resolver.cancel()
  }
}

/** Rspamd reads `ip`, `ip:port` or `[ipv6]:port`; Node lists IPv6 servers on port 53 bare. */
function nameserver(server: string): string {
  return isIP(server) === 6 ? `[${server}]:53` : server
}
