/** runEval: trains and tests the real scanner (every engine, the learning state) on the corpus split. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readCorpusMessage } from '../bench/corpus.ts'
import { eachLimited } from '../each-limited.ts'
import { checkMessage } from '../engines/rspamd/check.ts'
import { RspamdConfigSchema, type RspamdConfig } from '../engines/rspamd/config.ts'
import { rspamdEnvelope } from '../engines/rspamd/envelope.ts'
import type { ParsedMessage } from '../message/parsed-message.ts'
import { OUTSIDE_KNOWLEDGE_ENGINES, withoutEngines } from './engine-sets.ts'
import { trainRspamd } from './rspamd-training.ts'
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

/** The batch run's extra rows: Moat's local engines alone, and Rspamd alone. */
export interface BatchFigures extends EvalFigures {
  /** The same scanner without the engines that bring outside knowledge (daemons, rules, model, feeds). */
  ownEngines: Figures
  /** Rspamd's own verdict (caught from "add header" up; scored by its score); null without Rspamd. */
  rspamd: Figures | null
  /** What Rspamd's controller did with each training message. */
  rspamdTraining: Record<string, number> | null
}

/** Messages scanned at once in the batch run: the daemons answer in parallel, and nothing learns meanwhile. */
const BATCH_CONCURRENCY = 4

/**
 * Trains Moat's learners and, when it runs, Rspamd's Bayes on `train`, then scans `test` without
 * learning from it: with every engine of the policy, with Moat's local engines only, and with
 * Rspamd alone (given the same envelope the rspamd engine sends).
 */
export async function runBatchEval(
  policy: Policy,
  train: readonly EvalFile[],
  test: readonly EvalFile[],
): Promise<BatchFigures> {
  return withHarness(policy, async (harness) => {
    const started = performance.now()
    const rspamd = rspamdEndpoint(policy)
    const [, rspamdTraining] = await Promise.all([
      trainFiles(harness.state, harness.learners, train, harness.scanner.limits),
      rspamd ? trainRspamd(rspamd, train) : null,
    ])
    const own = createScanner({
      policy: withoutEngines(policy, OUTSIDE_KNOWLEDGE_ENGINES),
      engines: builtinEngines(harness.state),
      log: silentLogger,
    })
    try {
      const results = await eachLimited(test, BATCH_CONCURRENCY, async (file) => {
        const result = await scanOne(harness, file)
        const label = { spam: file.spam, hard: file.hard }
        const { verdict } = await own.scan(result.raw)
        const ownScored: Scored = { ...label, score: verdict.score, caught: verdict.action !== 'allow' }
        const rspamdScored = rspamd ? await rspamdAlone(rspamd, result, label) : null
        return { ...result, own: ownScored, rspamd: rspamdScored }
      })
      const rspamdResults = results.map((r) => r.rspamd).filter((r): r is Scored => r !== null)
      return {
        ...summarise(results, started),
        ownEngines: figuresOf(results.map((r) => r.own)),
        rspamd: rspamd ? figuresOf(rspamdResults) : null,
        rspamdTraining,
      }
    } finally {
      await own.close()
    }
  })
}

/** Rspamd's actions that deliver the message unmarked: everything else counts as caught. */
const RSPAMD_PASSING = new Set(['no action', 'greylist'])

async function rspamdAlone(
  endpoint: RspamdConfig,
  result: { raw: Buffer; message: ParsedMessage },
  label: { spam: boolean; hard: boolean },
): Promise<Scored> {
  const envelope = rspamdEnvelope(result.message, endpoint.receivedBy)
  const check = await checkMessage(result.raw, endpoint, { envelope })
  return { ...label, score: check.score, caught: !RSPAMD_PASSING.has(check.action) }
}

/** The rspamd engine's settings when the policy runs it, else null (Rspamd alone is then left out). */
function rspamdEndpoint(policy: Policy): RspamdConfig | null {
  if (policy.engines.rspamd?.enabled === false) return null
  return engineConfig(policy, 'rspamd', RspamdConfigSchema)
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
    raw,
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
    try {
      return await run({ state, scanner, learners, bayesConfig })
    } finally {
      await scanner.close()
    }
  } finally {
    state.close()
    await rm(dir, { recursive: true, force: true })
  }
}
