/** The model engine's health: which models are loaded, with what features, and what failed. */
import { env } from 'onnxruntime-node'
import type { EngineHealth } from '../engine.ts'
import type { Usable } from './usable-models.ts'

export function healthOf(usable: Usable, lastError: string | undefined): EngineHealth {
  const { models, problems } = usable
  const health: EngineHealth = {
    state: models.length === 0 ? 'down' : problems.length > 0 ? 'degraded' : 'ready',
    version: `onnxruntime-node ${env.versions.node ?? env.versions.common}`,
    loaded:
      models.length === 0
        ? 'no model'
        : models
            .map((m) => `${m.entry.name} (${m.contract.name}, ${m.contract.buckets.toLocaleString('en')} features)`)
            .join('; '),
  }
  const error = problems.length > 0 ? problems.join(' ') : lastError
  if (error) health.lastError = error
  else if (models.length === 0) health.lastError = 'No model is enabled in the configuration.'
  return health
}
