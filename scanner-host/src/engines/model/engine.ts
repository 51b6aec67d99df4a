/** model engine: ONNX text models (Moat's moat-text and any configured), each fed the features its contract names. */
import type { Finding } from '@moat/contract'
import type { FeatureContract } from '../../model/feature-contracts.ts'
import type { Features } from '../../model/hashed-ngrams.ts'
import { sessionProbability } from '../../model/onnx-score.ts'
import { defineEngine, ok, type Engine } from '../engine.ts'
import { ModelConfigSchema, type ModelConfig } from './config.ts'
import { bandOf, modelFinding } from './findings.ts'
import { healthOf } from './health.ts'
import { reason } from './load-model.ts'
import { ModelSessions } from './sessions.ts'
import { usableModels } from './usable-models.ts'

/** Each engine keeps its own sessions, loaded at first use and released by `close()`. */
export function createModelEngine(): Engine<ModelConfig> {
  const sessions = new ModelSessions()
  return defineEngine({
    name: 'model',
    description: "Text models (ONNX): Moat's own moat-text and any configured, each fed the features it declares.",
    configSchema: ModelConfigSchema,
    async scan(message, ctx) {
      const usable = await usableModels(ctx.config, sessions, ctx.log)
      // A model that cannot load is left out, and the rest of the pipeline runs without it.
      if (usable.models.length === 0) {
        return { status: 'skipped', why: usable.problems.join(' ') || 'No model is enabled in the configuration.' }
      }
      // Models that share a contract share its features: they are computed once per message.
      const features = new Map<FeatureContract, Features>()
      const findings: Finding[] = []
      let scored = 0
      for (const { entry, model, contract } of usable.models) {
        if (ctx.deadline.passed()) break
        let f = features.get(contract)
        if (!f) {
          f = contract.extract(message)
          features.set(contract, f)
        }
        let probability: number
        try {
          probability = await sessionProbability(model.session, f.vector)
        } catch (err) {
          sessions.problem(`The model ${entry.name} failed on a message: ${reason(err)}`, ctx.log, {
            model: entry.name,
          })
          continue
        }
        scored++
        // The words behind a score are only shown in a finding: below the lowest band there is none to explain.
        const terms =
          model.linear && bandOf(probability, entry.bands) !== null
            ? contract.explain(f, model.linear.weights, ctx.config.evidenceTerms)
            : []
        const finding = modelFinding(
          { model: entry.name, input: contract.name, probability, terms: terms.map((t) => t.term) },
          entry.bands,
        )
        if (finding) findings.push(finding)
      }
      if (scored === 0) {
        if (ctx.deadline.passed())
          return { status: 'error', errorCode: 'Timeout', why: 'The deadline passed before a model scored.' }
        return { status: 'skipped', why: sessions.lastError ?? 'No model could score the message.' }
      }
      return ok(findings)
    },
    async health(ctx) {
      return healthOf(await usableModels(ctx.config, sessions, ctx.log), sessions.lastError)
    },
    async close() {
      await sessions.close()
    },
  })
}
