/** auth engine: SPF, DKIM, DMARC and ARC (mailauth), or the Authentication-Results of the organization's own servers. */
import { defineEngine, ok, type Engine } from '../engine.ts'
import { perConfig } from '../per-config.ts'
import { assessSender } from './assess.ts'
import { type AuthConfig, AuthConfigSchema } from './config.ts'
import { type DnsResolver, type SystemResolver, systemResolver } from './dns.ts'
import { DnsBreaker } from './dns-breaker.ts'
import { dnsHealth } from './health.ts'

export { AuthConfigSchema, type AuthConfig } from './config.ts'
export type { DnsResolver } from './dns.ts'
export { parseAuthenticationResults, type AuthenticationResults } from './authentication-results.ts'

export interface AuthEngineOptions {
  /** Answers DNS instead of the system resolver (tests, or a caching resolver); `dnsServers` is then unused. */
  resolver?: DnsResolver
}

/** Codes that decide nothing about the sender: with only these, a scan cut short by its deadline is a timeout. */
const UNDECIDED = new Set(['AUTH_TEMPERROR', 'AUTH_NONE'])

export function createAuthEngine(options: AuthEngineOptions = {}): Engine<AuthConfig> {
  const opened = new Set<SystemResolver>()
  const system = perConfig((config: AuthConfig) => {
    const resolver = systemResolver(config)
    opened.add(resolver)
    return resolver
  })
  const resolverFor = (config: AuthConfig): DnsResolver => options.resolver ?? system(config).resolve
  const breaker = new DnsBreaker()
  let lastError: string | null = null

  return defineEngine({
    name: 'auth',
    description:
      'Sender authentication: SPF, DKIM, DMARC and ARC, or the Authentication-Results of your own mail servers.',
    configSchema: AuthConfigSchema,
    async scan(message, ctx) {
      try {
        const { findings, outcome } = await assessSender(message, ctx, resolverFor(ctx.config), breaker)
        if (outcome && outcome.dnsFailures.length > 0) {
          lastError = `DNS failed while checking a sender from ${outcome.fromDomain}: ${outcome.dnsFailures[0]}`
        }
        if (outcome?.cutByDeadline && findings.every((f) => UNDECIDED.has(f.code))) {
          return {
            status: 'error',
            errorCode: 'Timeout',
            why: 'the deadline passed before DNS answered, so the sender could not be checked',
          }
        }
        return ok(findings)
      } catch (err) {
        // mailauth should not throw, but a verdict must never hang on one of its bugs.
        ctx.log.warn('auth check threw', { error: err instanceof Error ? err.message : String(err) })
        return { status: 'error', errorCode: 'Threw', why: `the sender check failed: ${String(err)}`.slice(0, 300) }
      }
    },
    async health(ctx) {
      try {
        const health = await dnsHealth(resolverFor(ctx.config), ctx.config, ctx.signal, lastError)
        // DNS answers again: scans need not wait for the breaker's pause to end.
        if (health.state === 'ready') breaker.answered()
        return health
      } catch (err) {
        return { state: 'degraded', lastError: `The DNS resolver could not be set up: ${String(err)}` }
      }
    },
    async close() {
      for (const resolver of opened) resolver.cancel()
      opened.clear()
    },
  })
}

/** The engine with the system resolver (or `dnsServers`), for the registry. */
export const authEngine = createAuthEngine()
