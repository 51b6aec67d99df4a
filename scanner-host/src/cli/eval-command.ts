/** `moat eval`: the quality harness on the SpamAssassin corpus; prints figures, then one JSON line. */
import { parseArgs } from 'node:util'
import { evalSplit, TEST_GROUPS, TRAIN_GROUPS } from '../eval/corpus-split.ts'
import type { Figures } from '../eval/metrics.ts'
import { OUTSIDE_KNOWLEDGE_ENGINES, withoutEngines } from '../eval/engine-sets.ts'
import { startScratchDaemons } from '../daemons/scratch-daemons.ts'
import { runBatchEval, runOnlineEval, type BatchFigures, type EvalFigures } from '../eval/run-eval.ts'
import { withDaemonAddresses } from '../policy/daemon-addresses.ts'
import { CliError } from './cli-error.ts'
import { loadPolicyOption } from './load-scanner.ts'

export const EVAL_USAGE = `usage: moat eval [--online | --batch] [--policy FILE] [--limit N]
  Measures how well Moat separates spam from good mail on the SpamAssassin public corpus, from an
  empty learning state in a temporary folder, with its own fresh Rspamd (empty Bayes) and clamd.
  batch:  train Moat's learners and Rspamd's Bayes on ${TRAIN_GROUPS.join(' + ')}, then test on
          ${TEST_GROUPS.join(' + ')}: Bayes alone, Rspamd alone, Moat's own (local) engines, every engine
  online: every message in order, scanned first, then trained with its true label (as reports do),
          with Moat's own engines (the ones that learn)
  Both run unless --batch or --online is given. For each: spam recall, false positives on easy and
  hard ham, precision, and (1-ROCA)% from the scores.
  --limit N   the first N messages of each group only (a quick check of the harness itself)
The last line is one JSON object: every engine's batch figures (online when only --online ran),
with "bayes", "ownEngines", "rspamd" and "online" objects beside them.`

export async function evalCommand(args: string[], io: { stdout: (text: string) => void }): Promise<number> {
  const { values } = parseEvalArgs(args)
  const policy = await loadPolicyOption(values.policy)
  const limit = values.limit === undefined ? undefined : Number(values.limit)
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new CliError(`moat eval: bad --limit ${values.limit}`)
  }
  const runBatch = values.batch || !values.online
  const runOnline = values.online || !values.batch
  const split = await evalSplit(limit)
  io.stdout(
    `moat eval: SpamAssassin public corpus; train ${split.train.length} (${TRAIN_GROUPS.join(', ')}), ` +
      `test ${split.test.length} (${TEST_GROUPS.join(', ')})`,
  )
  io.stdout(
    `${'run'.padEnd(22)} ${'recall'.padStart(8)} ${'easy FP'.padStart(8)} ${'hard FP'.padStart(8)} ` +
      `${'precision'.padStart(9)} ${'(1-ROCA)%'.padStart(9)}  messages`,
  )

  // A fresh Rspamd and clamd for this run only, whatever the environment names: Rspamd's Bayes
  // must learn the training split and nothing else.
  const needsDaemons = runBatch && ['rspamd', 'clamav'].some((name) => policy.engines[name]?.enabled !== false)
  const daemons = needsDaemons ? await startScratchDaemons() : null
  let batch: BatchFigures | undefined
  let online: EvalFigures | undefined
  try {
    if (runBatch) {
      batch = await runBatchEval(
        daemons ? withDaemonAddresses(policy, daemons.addresses) : policy,
        split.train,
        split.test,
      )
      io.stdout(row('batch bayes alone', batch.bayes))
      if (batch.rspamd) io.stdout(row('batch rspamd alone', batch.rspamd))
      if (batch.rspamdTraining) io.stdout(`  (Rspamd's Bayes training: ${JSON.stringify(batch.rspamdTraining)})`)
      io.stdout(row('batch own engines', batch.ownEngines))
      io.stdout(row('batch every engine', batch.verdict) + `  (${batch.messages} in ${batch.seconds.toFixed(1)} s)`)
    }
  } finally {
    await daemons?.stop()
  }
  if (runOnline) {
    // Learning as reports arrive is what this run measures: Moat's local engines, which learn.
    online = await runOnlineEval(withoutEngines(policy, OUTSIDE_KNOWLEDGE_ENGINES), [...split.train, ...split.test])
    io.stdout(row('online bayes alone', online.bayes))
    io.stdout(row('online own engines', online.verdict) + `  (${online.messages} in ${online.seconds.toFixed(1)} s)`)
  }
  const main = (batch ?? online)!
  io.stdout(
    JSON.stringify({
      mode: batch ? 'batch' : 'online',
      ...jsonFigures(main.verdict),
      bayes: jsonFigures(main.bayes),
      ...(batch ? { ownEngines: jsonFigures(batch.ownEngines) } : {}),
      ...(batch?.rspamd ? { rspamd: jsonFigures(batch.rspamd) } : {}),
      ...(batch && online ? { online: { ...jsonFigures(online.verdict), bayes: jsonFigures(online.bayes) } } : {}),
    }),
  )
  return 0
}

function row(name: string, f: Figures): string {
  const pct = (x: number, digits = 2) => `${(100 * x).toFixed(digits)}%`
  return (
    `${name.padEnd(22)} ${pct(f.recall).padStart(8)} ${pct(f.fpRate).padStart(8)} ${pct(f.hardHamFpRate).padStart(8)} ` +
    `${pct(f.precision).padStart(9)} ${f.oneMinusRocaPct.toFixed(3).padStart(9)}  ${f.spam} spam, ${f.easyHam} easy ham, ${f.hardHam} hard ham`
  )
}

/** Rates as fractions rounded to 5 places; counts as they are. */
function jsonFigures(f: Figures) {
  const r = (x: number) => Math.round(x * 1e5) / 1e5
  return {
    recall: r(f.recall),
    fpRate: r(f.fpRate),
    hardHamFpRate: r(f.hardHamFpRate),
    precision: r(f.precision),
    oneMinusRocaPct: r(f.oneMinusRocaPct),
    spam: f.spam,
    easyHam: f.easyHam,
    hardHam: f.hardHam,
  }
}

function parseEvalArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        online: { type: 'boolean', default: false },
        batch: { type: 'boolean', default: false },
        policy: { type: 'string' },
        limit: { type: 'string' },
      },
    })
  } catch (err) {
    throw new CliError(`moat eval: ${(err as Error).message}\n${EVAL_USAGE}`)
  }
}
