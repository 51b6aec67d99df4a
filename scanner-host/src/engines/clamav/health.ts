/** clamdHealth: PING and VERSION (clamd(8)) say whether clamd answers and which signatures it has. */
import type { EngineHealth } from '../engine.ts'
import type { ClamdAddress } from './address.ts'
import { clamdCommand } from './client.ts'
import { parseVersion } from './reply.ts'

/** freshclam updates the daily database several times a day; a week without one means it stopped. */
export const STALE_DATABASE_DAYS = 7

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * `ready` with a fresh official database; `degraded` when clamd answers but has no official
 * database (only local signatures, such as the EICAR test database startClamd builds) or an old
 * one; `down` when it does not answer PING. clamd has no command that counts loaded signatures,
 * so `loaded` names the daily database instead.
 */
export async function clamdHealth(
  address: ClamdAddress,
  signal: AbortSignal,
  now: Date = new Date(),
): Promise<EngineHealth> {
  let versionReply: string
  try {
    const pong = await clamdCommand(address, 'PING', { signal })
    if (pong !== 'PONG')
      return { state: 'down', lastError: `clamd answered PING with ${JSON.stringify(pong.slice(0, 80))}` }
    versionReply = await clamdCommand(address, 'VERSION', { signal })
  } catch (err) {
    return { state: 'down', lastError: (err as Error).message }
  }
  const version = parseVersion(versionReply)
  if (!version)
    return { state: 'degraded', version: versionReply.slice(0, 80), lastError: 'VERSION did not answer as clamd does' }
  if (!version.database) {
    return {
      state: 'degraded',
      version: version.engine,
      loaded:
        'no official ClamAV database, only local signatures (perhaps just the EICAR test signature): run freshclam',
    }
  }
  const { version: daily, builtAt } = version.database
  const full = `${version.engine}/${daily}`
  if (!builtAt) return { state: 'ready', version: full, loaded: `daily database ${daily}` }
  const ageDays = Math.floor((now.getTime() - builtAt.getTime()) / DAY_MS)
  const built = builtAt.toISOString().slice(0, 10)
  if (ageDays > STALE_DATABASE_DAYS) {
    return {
      state: 'degraded',
      version: full,
      loaded: `daily database ${daily} of ${built}, ${ageDays} days old: is freshclam running?`,
    }
  }
  return { state: 'ready', version: full, loaded: `daily database ${daily} of ${built}` }
}
