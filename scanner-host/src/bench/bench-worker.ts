/** Bench worker process: loads its share of messages, then scans them a few at a time, timing each. */
import { builtinEngines } from '../engines/registry.ts'
import { silentLogger } from '../log.ts'
import { parseMessage } from '../message/parse-message.ts'
import { createScanner } from '../pipeline/scan-message.ts'
import type { Policy } from '../policy/policy.ts'
import { eachLimited } from '../each-limited.ts'
import { openLearningState } from '../state/learning-state.ts'
import { readCorpusMessage, type CorpusGroup } from './corpus.ts'

export interface BenchWorkerInput {
  files: { group: CorpusGroup; path: string }[]
  warmup: number
  /** The learning state the learning engines read. */
  dataDir: string
  /** The policy to scan with, daemon addresses included. */
  policy: Policy
  /** Messages in flight in this worker: the daemons answer while the next message is parsed. */
  concurrency: number
}

export interface BenchWorkerReport {
  latenciesMs: number[]
  bytes: number
  actions: Record<string, number>
  engineErrors: Record<string, number>
  /** Peak resident memory of this worker process, in MB. */
  rssMb: number
  /** Seconds the same messages took through parseMessage alone: how much of the time is parsing. */
  parseOnlySeconds: number
}

const input = await new Promise<BenchWorkerInput>((resolve) => process.once('message', resolve))
const send = (message: unknown) => process.send!(message)
const messages = await Promise.all(input.files.map((f) => readCorpusMessage(f.group, f.path)))
const state = await openLearningState(input.dataDir)
const scanner = createScanner({ policy: input.policy, engines: builtinEngines(state), log: silentLogger })

// Warm the JIT, the rules, the model and the daemon connections, untimed, as a running scanner host would be.
await eachLimited(messages.slice(0, input.warmup), input.concurrency, (message) => scanner.scan(message.raw))
send({ type: 'ready' })
process.once('message', async () => {
  const report: BenchWorkerReport = {
    latenciesMs: [],
    bytes: 0,
    actions: {},
    engineErrors: {},
    rssMb: 0,
    parseOnlySeconds: 0,
  }
  await eachLimited(messages, input.concurrency, async (message) => {
    const started = performance.now()
    const { verdict } = await scanner.scan(message.raw)
    report.latenciesMs.push(performance.now() - started)
    report.bytes += message.raw.length
    report.actions[verdict.action] = (report.actions[verdict.action] ?? 0) + 1
    for (const failed of verdict.engines.failed)
      report.engineErrors[failed.name] = (report.engineErrors[failed.name] ?? 0) + 1
  })
  report.rssMb = Math.round(process.resourceUsage().maxRSS / 1024)
  const parseStarted = performance.now()
  for (const message of messages) await parseMessage(message.raw, scanner.limits)
  report.parseOnlySeconds = (performance.now() - parseStarted) / 1000
  await scanner.close()
  send({ type: 'done', report })
})
