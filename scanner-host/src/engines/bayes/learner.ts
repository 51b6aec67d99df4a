/** The Bayes filter's learner: a report adds (or takes back) one count per distinct token of the message. */
import type { Learner } from '../../learning/learner.ts'
import { addWordCounts } from '../../state/bayes-store.ts'
import { DEFAULT_BAYES_CONFIG, type BayesConfig } from './config.ts'
import { tokenize } from './tokenize.ts'

/**
 * Trains with the same tokens the engine classifies with, so `config` must be the engine's: a
 * token that training and scanning make differently is never matched. Counts are per message
 * (a word seen ten times in one message counts once), as in Graham's and Robinson's estimates.
 */
export function createBayesLearner(config: BayesConfig = DEFAULT_BAYES_CONFIG): Learner<string[]> {
  return {
    name: 'bayes',
    features: (message) => tokenize(message, config),
    apply: (tx, words, change) => addWordCounts(tx, words, change.side, change.delta),
  }
}
