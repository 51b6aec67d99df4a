/** bayes engine: the junk filter trained from reports; reads its counts from the learning state on every scan. */
import type { ParsedMessage } from '../../message/parsed-message.ts'
import { lookupWords } from '../../state/bayes-store.ts'
import type { LearningState } from '../../state/learning-state.ts'
import { trainedTotals } from '../../state/trained-store.ts'
import { defineEngine, ok, type Engine } from '../engine.ts'
import { classify, type Classification } from './classify.ts'
import { BayesConfigSchema, type BayesConfig } from './config.ts'
import { bandFinding } from './findings.ts'
import { tokenize } from './tokenize.ts'

export type BayesResult = (Classification & { trained: { ham: number; spam: number } }) | { skipped: string }

/**
 * The message's spam probability from the state as it is now, so training done by another process
 * (`moat train`) counts from the very next message; or why the filter does not speak yet. For the
 * engine and for evaluations, which need the probability of every message, not only of those in a band.
 */
export async function classifyMessage(
  state: LearningState,
  message: ParsedMessage,
  config: BayesConfig,
): Promise<BayesResult> {
  const trained = trainedTotals(state)
  if (trained.ham < config.minHam || trained.spam < config.minSpam) {
    return {
      skipped:
        `The junk filter needs at least ${config.minHam} good and ${config.minSpam} spam messages reported ` +
        `before it rates mail; it has ${trained.ham} and ${trained.spam}.`,
    }
  }
  const words = tokenize(message, config)
  const counts = lookupWords(state, words)
  return { ...classify(words, counts, trained, config), trained }
}

/** The `bayes` engine over `state`, which the caller opens and closes. */
export function createBayesEngine(state: LearningState): Engine<BayesConfig> {
  return defineEngine({
    name: 'bayes',
    description: 'Junk filter: rates a message by the words of the mail reported as spam and as good mail.',
    configSchema: BayesConfigSchema,
    async scan(message, ctx) {
      const result = await classifyMessage(state, message, ctx.config)
      if ('skipped' in result) return { status: 'skipped', why: result.skipped }
      const finding = bandFinding(result, ctx.config.bands, result.trained)
      return ok(finding ? [finding] : [])
    },
  })
}
