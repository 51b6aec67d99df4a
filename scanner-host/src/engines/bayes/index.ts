/** The Bayesian junk filter: tokens, word probabilities, the `bayes` engine and its learner. */
export { createBayesEngine, classifyMessage, type BayesResult } from './engine.ts'
export { createBayesLearner } from './learner.ts'
export { BayesConfigSchema, DEFAULT_BAYES_CONFIG, type BayesConfig, type BayesBands } from './config.ts'
export { classify, wordProbability, type Classification, type SignificantWord } from './classify.ts'
export { bandOf } from './findings.ts'
export { tokenize } from './tokenize.ts'
