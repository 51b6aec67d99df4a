/** checkHealth: asks every configured engine how its daemon, rules or model are doing, each under a deadline. */
import type { EngineHealth } from '../engines/engine.ts'
import type { Logger } from '../log.ts'
import type { ConfiguredEngine } from './run-pipeline.ts'

export interface EngineHealthRow {
  name: string
  health: EngineHealth
}

/**
 * Engines without a `health()` read only the message and are ready by construction. A check that
 * throws or outlives `timeoutMs` reads as down: a health page must never hang on a dead daemon.
 */
export async function checkHealth(
  engines: readonly ConfiguredEngine[],
  log: Logger,
  timeoutMs = 3000,
): Promise<EngineHealthRow[]> {
  return Promise.all(
    engines.map(async ({ engine, config }) => {
      if (!engine.health) return { name: engine.name, health: { state: 'ready' as const } }
      const signal = AbortSignal.timeout(timeoutMs)
      const timedOut = new Promise<EngineHealth>((resolve) =>
        signal.addEventListener('abort', () =>
          resolve({ state: 'down', lastError: `no health answer within ${timeoutMs} ms` }),
        ),
      )
      try {
        const health = await Promise.race([engine.health({ config, signal, log }), timedOut])
        return { name: engine.name, health }
      } catch (err) {
        return { name: engine.name, health: { state: 'down' as const, lastError: (err as Error).message } }
      }
    }),
  )
}
