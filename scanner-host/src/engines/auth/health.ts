/** dnsHealth: whether the DNS resolver answers, for `moat engines` and health pages. */
import { createRequire } from 'node:module'
import type { EngineHealth } from '../engine.ts'
import type { AuthConfig } from './config.ts'
import { type DnsResolver, dnsError, errorCode, isNoData } from './dns.ts'

const MAILAUTH_VERSION = (createRequire(import.meta.url)('mailauth/package.json') as { version: string }).version

/**
 * Asks one question with the scan's own DNS timeout. Any answer, "no such name" included, shows
 * DNS works. Without DNS the engine still answers every scan, with temporary errors and no
 * authenticated senders, so a silent resolver makes it degraded, not down.
 */
export async function dnsHealth(
  resolve: DnsResolver,
  config: AuthConfig,
  signal: AbortSignal,
  lastScanError: string | null,
): Promise<EngineHealth> {
  const version = `mailauth ${MAILAUTH_VERSION}`
  const loaded = [
    `${config.trustedAuthservIds.length} trusted authserv-ids`,
    `${config.receivedBy.length} receiving hosts`,
    config.dnsServers.length > 0 ? `DNS ${config.dnsServers.join(', ')}` : 'system DNS',
  ].join(', ')
  try {
    await askWithin(resolve, config.healthProbeName, config.dnsTimeoutMs, signal)
  } catch (err) {
    if (!isNoData(err)) {
      return {
        state: 'degraded',
        version,
        loaded,
        lastError: `DNS did not answer a question for ${config.healthProbeName} (${errorCode(err)}): senders cannot be checked.`,
      }
    }
  }
  return { state: 'ready', version, loaded, ...(lastScanError ? { lastError: lastScanError } : {}) }
}

function askWithin(resolve: DnsResolver, name: string, ms: number, signal: AbortSignal): Promise<unknown[]> {
  return new Promise((done, fail) => {
    const timeout = () => fail(dnsError('ETIMEOUT', `no answer within ${ms} ms`))
    const timer = setTimeout(timeout, ms)
    signal.addEventListener('abort', timeout, { once: true })
    void Promise.resolve()
      .then(() => resolve(name, 'NS'))
      .then(done, fail)
      .finally(() => {
        clearTimeout(timer)
        signal.removeEventListener('abort', timeout)
      })
  })
}
