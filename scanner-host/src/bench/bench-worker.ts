/** Bench worker thread: loads its share of messages, then scans them one by one, timing each. */
import { parentPort, workerData } from 'node:worker_threads'
import { BUILTIN_ENGINES } from '../engines/registry.ts'
import { silentLogger } from '../log.ts'
import { createScanner } from '../pipeline/scan-message.ts'
import { DEFAULT_POLICY } from '../policy/policy.ts'
import { readCorpusMessage, type CorpusGroup } from './corpus.ts'

export interface BenchWorkerInput {
  module: string
  files: { group: CorpusGroup; path: string }[]
  warmup: number
}

export interface BenchWorkerReport {
  latenciesMs: number[]
  bytes: number
  actions: Record<string, number>
  engineErrors: Record<string, number>
}

const input = workerData as BenchWorkerInput
const port = parentPort!
const messages = await Promise.all(input.files.map((f) => readCorpusMessage(f.group, f.path)))
const scanner = createScanner({ policy: DEFAULT_POLICY, engines: BUILTIN_ENGINES, log: silentLogger })

// Warm the JIT on the first messages, untimed, as a long-running scanner host would be.
for (const message of messages.slice(0, input.warmup)) await scanner.scan(message.raw)
port.postMessage({ type: 'ready' })
port.once('message', async () => {
  const report: BenchWorkerReport = { latenciesMs: [], bytes: 0, actions: {}, engineErrors: {} }
  for (const message of messages) {
    const started = performance.now()
    const { verdict } = await scanner.scan(message.raw)
    report.latenciesMs.push(performance.now() - started)
    report.bytes += message.raw.length
    report.actions[verdict.action] = (report.actions[verdict.action] ?? 0) + 1
    for (const failed of verdict.engines.failed)
      report.engineErrors[failed.name] = (report.engineErrors[failed.name] ?? 0) + 1
  }
  port.postMessage({ type: 'done', report })
})
