/** npm run train:model: trains moat-text on the eval split's training files and writes scanner-host/models. */
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { InferenceSession } from 'onnxruntime-node'
import { MOAT_TEXT_CARD_PATH, MOAT_TEXT_MODEL_PATH } from './moat-text.ts'
import { sessionProbability } from './onnx-score.ts'
import { trainTextModel } from './train.ts'
import type { BandFigures, ModelFigures } from './band-figures.ts'

/** The ONNX graph must compute what the TypeScript model does; float32 sums differ in order only. */
const MAX_GRAPH_DIFFERENCE = 1e-5

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: MOAT_TEXT_MODEL_PATH },
    card: { type: 'string', default: MOAT_TEXT_CARD_PATH },
    'limit-per-group': { type: 'string' },
  },
})

const started = performance.now()
const limit = args['limit-per-group'] === undefined ? undefined : Number(args['limit-per-group'])
const run = await trainTextModel({ limitPerGroup: limit, progress: (line) => console.log(`train:model: ${line}`) })
const trainedSeconds = (performance.now() - started) / 1000

// The held-out figures are the TypeScript model's (exact, so the card is the same on every
// machine); the graph that ships must agree with it on every held-out message.
const session = await InferenceSession.create(run.onnx, { intraOpNumThreads: 1, interOpNumThreads: 1 })
let maxDifference = 0
const scanStarted = performance.now()
for (let i = 0; i < run.test.rows.length; i++) {
  const probability = await sessionProbability(session, run.test.rows[i]!.vector)
  maxDifference = Math.max(maxDifference, Math.abs(probability - run.testProbabilities[i]!))
}
const onnxMs = (performance.now() - scanStarted) / run.test.rows.length
await session.release()
if (maxDifference > MAX_GRAPH_DIFFERENCE) {
  throw new Error(`the ONNX graph differs from the trained model by ${maxDifference} on a held-out message`)
}

await writeFile(args.model, run.onnx)
await writeFile(args.card, `${JSON.stringify(run.card, null, 2)}\n`)

const heldOut = run.card.heldOut as ModelFigures
const band = (name: string, f: BandFigures) =>
  `  ${name} (p >= ${f.threshold}): spam recall ${f.spamRecallPct}%, easy-ham FP ${f.easyHamFpPct}%, hard-ham FP ${f.hardHamFpPct}%`
console.log(
  [
    `train:model: wrote ${args.model} (${run.onnx.length} bytes) and ${args.card} in ${trainedSeconds.toFixed(1)} s`,
    `held out (${run.test.rows.length} messages): ROC area ${heldOut.rocArea}, 1-ROCA ${heldOut.oneMinusRocaPct}% ` +
      `(easy ham ${heldOut.oneMinusRocaEasyHamPct}%, hard ham ${heldOut.oneMinusRocaHardHamPct}%)`,
    band('MODEL_SPAM_LIKELY', heldOut.bands.spamLikely),
    band('MODEL_SPAM', heldOut.bands.spam),
    band('MODEL_SPAM_CERTAIN', heldOut.bands.spamCertain),
    `ONNX graph vs TypeScript: max |difference| ${maxDifference.toExponential(2)}; onnxruntime ${onnxMs.toFixed(3)} ms a message`,
  ].join('\n'),
)
