/** configureEngines: validates each engine's policy settings once, before any message is scanned. */
import { z } from 'zod'
import { DEFAULT_ENGINE_TIMEOUT_MS, type Engine } from '../engines/engine.ts'
import { engineConfig } from '../policy/engine-config.ts'
import { PolicyError } from '../policy/load-policy.ts'
import { EngineSettingsSchema, type Policy } from '../policy/policy.ts'
import type { ConfiguredEngine } from './run-pipeline.ts'

/**
 * Picks the enabled engines and validates their config. A critical engine that is not available
 * is kept as a stand-in that always errors, so the fail-closed rule holds messages instead of
 * passing them unchecked.
 */
export function configureEngines(policy: Policy, available: readonly Engine<unknown>[]): ConfiguredEngine[] {
  const byName = new Map(available.map((e) => [e.name, e]))
  for (const name of Object.keys(policy.engines)) {
    if (!byName.has(name)) {
      throw new PolicyError(`engines.${name}: unknown engine (known: ${[...byName.keys()].join(', ')})`)
    }
  }

  const configured: ConfiguredEngine[] = []
  for (const engine of available) {
    const settings = policy.engines[engine.name] ?? EngineSettingsSchema.parse({})
    if (!settings.enabled) continue
    const config = engineConfig(policy, engine.name, engine.configSchema)
    configured.push({
      engine,
      config,
      timeoutMs: settings.timeoutMs ?? engine.defaultTimeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS,
    })
  }

  for (const name of policy.criticalEngines) {
    if (!byName.has(name)) configured.push(unavailableEngine(name))
    else if (policy.engines[name]?.enabled === false) {
      throw new PolicyError(`criticalEngines: ${name} is critical but disabled in engines.${name}`)
    }
  }
  return configured
}

function unavailableEngine(name: string): ConfiguredEngine {
  const why = `the ${name} engine is not available on this scanner host`
  return {
    engine: {
      name,
      description: `${name} (not available on this scanner host)`,
      configSchema: z.unknown(),
      async scan() {
        return { status: 'error', errorCode: 'Unavailable', why }
      },
      async health() {
        return { state: 'down', lastError: why }
      },
    },
    config: {},
    timeoutMs: 1000,
  }
}
