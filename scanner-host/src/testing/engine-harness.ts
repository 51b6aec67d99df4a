/** Test helper: parses a built message and runs one engine on it with a test context. */
import type { Finding } from '@moat/contract'
import { createDeadline, type Engine, type EngineContext, type EngineOutcome } from '../engines/engine.ts'
import { DEFAULT_LIMITS, type Limits } from '../limits.ts'
import { silentLogger } from '../log.ts'
import { parseMessage } from '../message/parse-message.ts'
import { OrganizationSchema, type Organization } from '../policy/organization.ts'
import { buildMessage, type TestMessage } from './build-message.ts'

export interface RunOptions<C> {
  config?: Partial<C>
  organization?: Partial<Organization>
  limits?: Partial<Limits>
  /** The engine's deadline; generous by default so tests are not timed. */
  timeoutMs?: number
}

/** Runs `engine` on a message given as bytes or as a TestMessage spec. */
export async function runEngine<C>(
  engine: Engine<C>,
  message: Buffer | TestMessage,
  options: RunOptions<C> = {},
): Promise<EngineOutcome> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const raw = Buffer.isBuffer(message) ? message : buildMessage(message)
  const parsed = await parseMessage(raw, limits)
  const ctx: EngineContext<C> = {
    config: engine.configSchema.parse(options.config ?? {}),
    signal: new AbortController().signal,
    deadline: createDeadline(options.timeoutMs ?? 60_000),
    limits,
    organization: OrganizationSchema.parse(options.organization ?? {}),
    log: silentLogger,
  }
  return engine.scan(parsed, ctx)
}

/** Runs `engine` and returns its findings; fails the test when the outcome is not ok. */
export async function findingsOf<C>(
  engine: Engine<C>,
  message: Buffer | TestMessage,
  options: RunOptions<C> = {},
): Promise<Finding[]> {
  const outcome = await runEngine(engine, message, options)
  if (outcome.status !== 'ok') throw new Error(`engine ${engine.name} returned ${outcome.status}: ${outcome.why}`)
  return outcome.findings
}

/** The codes of findings, sorted, for compact assertions. */
export function codesOf(findings: Finding[]): string[] {
  return findings.map((f) => f.code).sort()
}
