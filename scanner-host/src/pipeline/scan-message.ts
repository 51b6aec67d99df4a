/** createScanner: raw bytes -> parse -> engines -> decide, composed once per policy. */
import type { EngineResult, Verdict } from '@moat/contract'
import type { Engine } from '../engines/engine.ts'
import { DEFAULT_LIMITS, type Limits } from '../limits.ts'
import { silentLogger, type Logger } from '../log.ts'
import { messageIdentity } from '../message/identity.ts'
import { parseMessage } from '../message/parse-message.ts'
import type { ParsedMessage } from '../message/parsed-message.ts'
import type { Lists } from '../policy/lists.ts'
import type { Policy } from '../policy/policy.ts'
import { decide } from '../verdict/decide.ts'
import { configureEngines } from './configure-engines.ts'
import { runPipeline, type ConfiguredEngine } from './run-pipeline.ts'

export interface ScannerOptions {
  policy: Policy
  engines: readonly Engine<unknown>[]
  /** Lists from outside the policy file (the API's); merged with the policy's own lists. */
  lists?: Lists
  log?: Logger
}

export interface ScanOutcome {
  verdict: Verdict
  results: EngineResult[]
  message: ParsedMessage
  /** Milliseconds spent parsing, before the engines ran. */
  parseMs: number
}

export interface Scanner {
  readonly engines: readonly ConfiguredEngine[]
  readonly limits: Limits
  scan(raw: Buffer): Promise<ScanOutcome>
  /** Releases what the engines hold (sockets, timers, watchers, model sessions). */
  close(): Promise<void>
}

/** Validates the policy's engine settings once (throws PolicyError), then scans message after message. */
export function createScanner(options: ScannerOptions): Scanner {
  const { policy } = options
  const log = options.log ?? silentLogger
  const limits: Limits = { ...DEFAULT_LIMITS, ...policy.limits }
  const engines = configureEngines(policy, options.engines)
  const lists: Lists = {
    allow: [...policy.lists.allow, ...(options.lists?.allow ?? [])],
    block: [...policy.lists.block, ...(options.lists?.block ?? [])],
  }
  return {
    engines,
    limits,
    async scan(raw) {
      const started = performance.now()
      const message = await parseMessage(raw, limits)
      const parseMs = performance.now() - started
      const results = await runPipeline(message, engines, { limits, organization: policy.organization, log })
      const verdict = decide({
        results,
        identity: messageIdentity(message),
        sender: message.from?.address || null,
        lists,
        policy,
      })
      return { verdict, results, message, parseMs }
    },
    async close() {
      await Promise.allSettled(engines.map((c) => c.engine.close?.()))
    },
  }
}
