/** runEval: trains and tests the real scanner (every engine, the learning state) on the corpus split. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readCorpusMessage } from '../bench/corpus.ts'
import { classifyMessage, BayesConfigSchema, type BayesConfig } from '../engines/bayes/index.ts'
import { builtinEngines } from '../engines/registry.ts'
import { createLearners } from '../learning/learners.ts'
import type { Learner } from '../learning/learner.ts'
import { learnMessage } from '../learning/learn-message.ts'
import { silentLogger } from '../log.ts'
import { createScanner, type Scanner } from '../pipeline/scan-message.ts'
import { engineConfig } from '../policy/engine-config.ts'
import type { Policy } from '../policy/policy.ts'
import { openLearningState, type LearningState } from '../state/learning-state.ts'
import type { EvalFile } from './corpus-split.ts'
import { figuresOf, type Figures, type Scored } from './metrics.ts'
import { trainFiles } from './train-files.ts'

export interface EvalFigures {
  /** The whole verdict: caught when its action is anything but allow; scored by the verdict's score. */
  verdict: Figures
  /** The Bayes filter alone: caught from its spam band up; scored by its probability. */
  bayes: Figures
  messages: number
  seconds: number
}

interface Harness {
  state: LearningState
  scanner: Scanner
  learners: Learner[]
  bayesConfig: BayesConfig
}

/** Trains on `train`, then scans `test` without learning from it. */
export async function runBatchEval(policy: Policy, train: readonly EvalFile[], test: readonly EvalFile[]) {
  return withHarness(policy, async (harness) => {
    const started = performance.now()
    await trainFiles(harness.state, harness.learners, train, harness.scanner.limits)
    const results = []
    for (const file of test) results.push(await scanOne(harness, file))
    return summarise(results, started)
  })
}

/** Every message in order: scanned first, then trained with its true label, as reports would do. */
export async function runOnlineEval(policy: Policy, files: readonly EvalFile[]) {
  return withHarness(policy, async (harness) => {
    const started = performance.now()
    const results = []
    for (const file of files) {
      const result = await scanOne(harness, file)
      results.push(result)
      const side = file.spam ? 'spam' : 'ham'
      await learnMessage(harness.state, harness.learners, { message: result.message, side })
    }
    return summarise(results, started)
  })
}

async function scanOne(harness: Harness, file: EvalFile) {
  const { raw } = await readCorpusMessage(file.group, file.path)
  const { verdict, message } = await harness.scanner.scan(raw)
  const bayes = await classifyMessage(harness.state, message, harness.bayesConfig)
  const probability = 'probability' in bayes ? bayes.probability : 0.5
  const label = { spam: file.spam, hard: file.hard }
  return {
    message,
    verdict: { ...label, score: verdict.score, caught: verdict.action !== 'allow' } satisfies Scored,
    bayes: { ...label, score: probability, caught: probability >= harness.bayesConfig.bands.spam } satisfies Scored,
  }
}

function summarise(results: { verdict: Scored; bayes: Scored }[], started: number): EvalFigures {
  return {
    verdict: figuresOf(results.map((r) => r.verdict)),
    bayes: figuresOf(results.map((r) => r.bayes)),
    messages: results.length,
    seconds: (performance.now() - started) / 1000,
  }
}

/** A fresh learning state in a temporary folder for each run: figures never depend on an earlier run. */
async function withHarness<T>(policy: Policy, run: (harness: Harness) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'moat-eval-'))
  const state = await openLearningState(dir)
  try {
    const learners = createLearners(policy)
    const scanner = createScanner({ policy, engines: builtinEngines(state), log: silentLogger })
    const bayesConfig = engineConfig(policy, 'bayes', BayesConfigSchema)
    return await run({ state, scanner, learners, bayesConfig })
  } finally {
    state.close()
    await rm(dir, { recursive: true, force: true })
  }
}
