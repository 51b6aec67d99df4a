/** createLearners: the learners of the learning engines, each with its config from the policy. */
import { BayesConfigSchema, createBayesLearner } from '../engines/bayes/index.ts'
import { createFingerprintLearner, TlshConfigSchema } from '../engines/tlsh/index.ts'
import { engineConfig } from '../policy/engine-config.ts'
import type { Policy } from '../policy/policy.ts'
import type { Learner } from './learner.ts'

/**
 * Learners train whether or not their engine is enabled, so enabling an engine later finds the
 * reports made meanwhile. Throws PolicyError when an engine's config is invalid.
 */
export function createLearners(policy: Policy): Learner[] {
  return [
    createBayesLearner(engineConfig(policy, 'bayes', BayesConfigSchema)),
    createFingerprintLearner(engineConfig(policy, 'tlsh', TlshConfigSchema)),
  ] as Learner[]
}
