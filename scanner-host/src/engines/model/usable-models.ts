/** The configured models that can score right now, each with its loaded session and feature contract; and why others cannot. */
import type { Logger } from '../../log.ts'
import { FEATURE_CONTRACTS, type FeatureContract } from '../../model/feature-contracts.ts'
import { incompatibility } from './compatibility.ts'
import type { ModelConfig, ModelEntry } from './config.ts'
import type { LoadedModel } from './load-model.ts'
import type { ModelSessions } from './sessions.ts'

export interface UsableModel {
  entry: ModelEntry
  model: LoadedModel
  contract: FeatureContract
}

export interface Usable {
  models: UsableModel[]
  /** One sentence per enabled model that cannot score. */
  problems: string[]
}

/** Loads (once) every enabled model; never throws. */
export async function usableModels(config: ModelConfig, sessions: ModelSessions, log: Logger): Promise<Usable> {
  const enabled = config.models.filter((m) => m.enabled)
  const loads = await Promise.all(enabled.map((entry) => sessions.get(entry.path, log)))
  const usable: Usable = { models: [], problems: [] }
  enabled.forEach((entry, i) => {
    const load = loads[i]!
    if (!load.ok) {
      usable.problems.push(`${entry.name}: ${load.error}`)
      return
    }
    const contract = FEATURE_CONTRACTS[entry.input]
    const mismatch = incompatibility(entry.name, load.model, contract)
    if (mismatch) {
      sessions.problem(mismatch, log, { model: entry.name })
      usable.problems.push(mismatch)
      return
    }
    usable.models.push({ entry, model: load.model, contract })
  })
  return usable
}
