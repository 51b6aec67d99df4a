/** `moat eval`: the quality harness on the SpamAssassin corpus; prints figures, then one JSON line. */
import { parseArgs } from 'node:util'
import { evalSplit, TEST_GROUPS, TRAIN_GROUPS } from '../eval/corpus-split.ts'
import type { Figures } from '../eval/metrics.ts'
import { runBatchEval, runOnlineEval, type EvalFigures } from '../eval/run-eval.ts'
import { CliError } from './cli-error.ts'
import { loadPolicyOption } from './load-scanner.ts'

export const EVAL_USAGE = `usage: moat eval [--online | --batch] [--policy FILE] [--limit N]
  Measures how well Moat separates spam from good mail on the SpamAssassin public corpus, from an
  empty learning state in a temporary folder, with every engine of the policy.
  batch:  train on ${TRAIN_GROUPS.join(' + ')}, then test on ${TEST_GROUPS.join(' + ')}
  online: every message in order, scanned first, then trained with its true label (as reports do)
  Both run unless --batch or --online is given. For the Bayes filter alone and the whole verdict:
  spam recall, false positives on easy and hard ham, precision, and (1-ROCA)% from the scores.
  --limit N   the first N messages of each group only (a quick check of the harness itself)
The last line is one JSON object: the whole verdict's batch figures (online when only --online ran),
with "bayes" and "online" objects beside them.`

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

  let batch: EvalFigures | undefined
  let online: EvalFigures | undefined
  if (runBatch) {
    batch = await runBatchEval(policy, split.train, split.test)
    printRun(io, 'batch', batch)
  }
  if (runOnline) {
    online = await runOnlineEval(policy, [...split.train, ...split.test])
    printRun(io, 'online', online)
  }
  const main = (batch ?? online)!
  io.stdout(
    JSON.stringify({
      mode: batch ? 'batch' : 'online',
      ...jsonFigures(main.verdict),
      bayes: jsonFigures(main.bayes),
      ...(batch && online ? { online: { ...jsonFigures(online.verdict), bayes: jsonFigures(online.bayes) } } : {}),
    }),
  )
  return 0
}

function printRun(io: { stdout: (text: string) => void }, mode: string, run: EvalFigures): void {
  io.stdout(row(`${mode} bayes alone`, run.bayes))
  io.stdout(row(`${mode} whole verdict`, run.verdict) + `  (${run.messages} scanned in ${run.seconds.toFixed(1)} s)`)
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
