/** runPipeline: runs every enabled engine concurrently, each under its own deadline. */
import { EngineResultSchema, type EngineResult } from '@moat/contract'
import { createDeadline, type Engine, type EngineOutcome } from '../engines/engine.ts'
import type { Limits } from '../limits.ts'
import type { Logger } from '../log.ts'
import type { ParsedMessage } from '../message/parsed-message.ts'
import type { Organization } from '../policy/organization.ts'

/** An engine with its validated config and deadline, ready to run. */
export interface ConfiguredEngine {
  engine: Engine<unknown>
  config: unknown
  timeoutMs: number
}

export interface PipelineContext {
  limits: Limits
  organization: Organization
  log: Logger
}

/**
 * Runs the engines on one message. Never rejects: an engine that throws, times out or returns
 * something malformed becomes an `error` result, so a failure can never read as clean.
 */
export async function runPipeline(
  message: ParsedMessage,
  engines: readonly ConfiguredEngine[],
  ctx: PipelineContext,
): Promise<EngineResult[]> {
  const clock: BusyClock = { busyMs: 0 }
  return Promise.all(engines.map((configured) => runEngine(message, configured, ctx, clock)))
}

/**
 * Synchronous time spent inside engines' `scan()` calls during one run. Engines share one thread:
 * while one computes, another's answer waits, so an engine's own time is its wall time less the
 * synchronous work of the others in between.
 */
interface BusyClock {
  busyMs: number
}

async function runEngine(
  message: ParsedMessage,
  configured: ConfiguredEngine,
  ctx: PipelineContext,
  clock: BusyClock,
): Promise<EngineResult> {
  const { engine, config, timeoutMs } = configured
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  // Engines start one after another in microtasks; each one's clock starts when it does, so the
  // synchronous work of one engine is not charged to the next.
  let started = performance.now()
  let ownMs: number | null = null
  let deadline = createDeadline(timeoutMs, controller.signal)

  // The deadline's timer starts with the engine (below), not before: engines start one after
  // another, and one engine's synchronous work must not eat into the next one's time.
  let resolveTimedOut: (outcome: EngineOutcome) => void = () => undefined
  const timedOut = new Promise<EngineOutcome>((resolve) => (resolveTimedOut = resolve))
  const startTimer = () => {
    timer = setTimeout(() => {
      controller.abort(new Error(`deadline of ${timeoutMs} ms passed`))
      resolveTimedOut({ status: 'error', errorCode: 'Timeout', why: `no answer within ${timeoutMs} ms` })
    }, timeoutMs)
  }
  // Started in a microtask so that an engine throwing synchronously is caught like a rejection.
  const scanning = Promise.resolve().then(async () => {
    started = performance.now()
    const busyBefore = clock.busyMs
    deadline = createDeadline(timeoutMs, controller.signal)
    startTimer()
    const pending = engine.scan(message, {
      config,
      signal: controller.signal,
      deadline,
      limits: ctx.limits,
      organization: ctx.organization,
      log: ctx.log,
    })
    const syncMs = performance.now() - started
    clock.busyMs += syncMs
    const result = await pending
    const othersMs = clock.busyMs - busyBefore - syncMs
    ownMs = Math.max(syncMs, performance.now() - started - othersMs)
    return result
  })
  // A scan that finishes after its deadline must not surface as an unhandled rejection.
  scanning.catch(() => undefined)

  let outcome: unknown
  try {
    outcome = await Promise.race([scanning, timedOut])
  } catch (err) {
    ctx.log.warn('engine threw', { engine: engine.name, error: describeError(err) })
    outcome = { status: 'error', errorCode: 'Threw', why: describeError(err) }
  } finally {
    clearTimeout(timer)
  }

  const durationMs = Math.round((ownMs ?? performance.now() - started) * 1000) / 1000
  // Synchronous work cannot be interrupted by the timer: a result that comes back late is
  // discarded, because what the engine did past its deadline was not bounded.
  if (isOutcome(outcome) && outcome.status !== 'error' && performance.now() > deadline.at) {
    outcome = {
      status: 'error',
      errorCode: 'Timeout',
      why: `answered after ${Math.round(durationMs)} ms, past its ${timeoutMs} ms deadline`,
    }
  }
  return toResult(engine.name, outcome, durationMs, ctx)
}

function isOutcome(value: unknown): value is EngineOutcome {
  return typeof value === 'object' && value !== null && 'status' in value
}

/** Checks the outcome against the contract: an engine bug must not slip a malformed finding through. */
function toResult(name: string, outcome: unknown, durationMs: number, ctx: PipelineContext): EngineResult {
  const candidate = !isOutcome(outcome)
    ? outcome
    : outcome.status === 'error'
      ? {
          engine: name,
          durationMs,
          status: 'error',
          errorCode: outcome.errorCode ?? 'Threw',
          why: outcome.why || 'unknown error',
        }
      : { ...outcome, engine: name, durationMs }
  const parsed = EngineResultSchema.safeParse(candidate)
  if (parsed.success) return parsed.data
  ctx.log.error('engine returned an invalid result', { engine: name, issues: parsed.error.issues.slice(0, 3) })
  return {
    engine: name,
    durationMs,
    status: 'error',
    errorCode: 'InvalidResult',
    why: 'the engine returned a malformed result',
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300)
  return String(err).slice(0, 300)
}
