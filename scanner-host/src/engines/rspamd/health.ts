/** rspamdHealth: whether the scanner worker answers /ping, and what the controller's /stat says (version, Bayes learns). */
import type { EngineHealth } from '../engine.ts'
import type { RspamdEndpoint } from './config.ts'
import { rspamdStat, type RspamdStat } from './controller.ts'
import type { RspamdHttp } from './http.ts'

/** Rspamd's Bayes classifies nothing before it has learnt this many messages of each class (statistic.conf). */
export const BAYES_MIN_LEARNS = 200

/**
 * `down` when the scanner worker does not answer /ping (every scan would fail); `degraded` when it
 * does but the controller does not, or refuses the password (scans work, learning does not);
 * `ready` otherwise. Without a password the controller cannot be asked, and only scanning counts.
 */
export async function rspamdHealth(
  endpoint: RspamdEndpoint,
  http: RspamdHttp,
  signal: AbortSignal,
): Promise<EngineHealth> {
  try {
    const ping = await http.send('GET', `${endpoint.url}/ping`, { signal })
    const answer = ping.body.toString('utf8').trim()
    if (ping.status !== 200 || answer !== 'pong') {
      return {
        state: 'down',
        lastError: `${endpoint.url}/ping answered HTTP ${ping.status} ${JSON.stringify(answer.slice(0, 60))}`,
      }
    }
  } catch (err) {
    return { state: 'down', lastError: (err as Error).message }
  }
  if (!endpoint.password) {
    return { state: 'ready', loaded: 'scanning; no controller password configured, so no statistics and no learning' }
  }
  try {
    const stat = await rspamdStat(endpoint, { http, signal })
    return { state: 'ready', version: `rspamd ${stat.version}`, loaded: describe(stat) }
  } catch (err) {
    return { state: 'degraded', lastError: `scanning works, but the controller failed: ${(err as Error).message}` }
  }
}

function describe(stat: RspamdStat): string {
  const scanned = `${stat.scanned} messages scanned`
  if (stat.spamLearns === null || stat.hamLearns === null) return `${scanned}; Bayes not configured`
  const bayes = `Bayes learnt ${stat.spamLearns} spam and ${stat.hamLearns} ham`
  const active =
    stat.spamLearns >= BAYES_MIN_LEARNS && stat.hamLearns >= BAYES_MIN_LEARNS
      ? 'active'
      : `inactive until ${BAYES_MIN_LEARNS} of each`
  return `${scanned}; ${bayes} (${active})`
}
