/** createRspamdEngine: the whole message to Rspamd's /checkv2 with its envelope; Rspamd's action and score become one finding. */
import { defineEngine, ok, type Engine, type EngineOutcome } from '../engine.ts'
import { checkMessage, type RspamdCheck } from './check.ts'
import { RspamdConfigSchema, type RspamdConfig } from './config.ts'
import { rspamdEnvelope } from './envelope.ts'
import { rspamdFindings } from './findings.ts'
import { rspamdHealth } from './health.ts'
import { createRspamdHttp, RspamdError } from './http.ts'

const MiB = 1024 * 1024

/**
 * A fresh engine with its own connections and its own memory of the last error (for health
 * pages). `close()` drops the requests in flight; the engine stays usable afterwards.
 */
export function createRspamdEngine(): Engine<RspamdConfig> {
  let http = createRspamdHttp()
  let closing = new AbortController()
  let lastError: { url: string; why: string; at: Date } | null = null

  return defineEngine({
    name: 'rspamd',
    // Rspamd gives up on a message itself after 6 s (task_timeout in local.d/options.inc) and says
    // "soft reject"; Moat waits a little longer so that answer arrives, rather than its own timeout.
    defaultTimeoutMs: 8000,
    description:
      'Rspamd: its spam rules, Bayes and fuzzy hashes over the whole message; its verdict and score as one signal.',
    configSchema: RspamdConfigSchema,
    async scan(message, ctx): Promise<EngineOutcome> {
      const { config } = ctx
      if (message.raw.length > config.maxMessageBytes) {
        return {
          status: 'skipped',
          why: `The message is ${mb(message.raw.length)} MB; Rspamd is sent messages up to ${mb(config.maxMessageBytes)} MB.`,
        }
      }
      let outcome: EngineOutcome
      try {
        const check = await checkMessage(message.raw, config, {
          envelope: rspamdEnvelope(message, config.receivedBy),
          signal: AbortSignal.any([ctx.signal, closing.signal]),
          http,
        })
        outcome = outcomeOf(check, config)
      } catch (err) {
        outcome = failure(err)
      }
      if (outcome.status === 'error') {
        lastError = { url: config.url, why: outcome.why, at: new Date() }
        ctx.log.warn('rspamd scan failed', { url: config.url, errorCode: outcome.errorCode, why: outcome.why })
      }
      return outcome
    },
    async health(ctx) {
      const health = await rspamdHealth(ctx.config, http, ctx.signal)
      if (health.lastError || !lastError || lastError.url !== ctx.config.url) return health
      return { ...health, lastError: `${lastError.why} (${lastError.at.toISOString()})` }
    },
    async close() {
      closing.abort(new Error('the rspamd engine was closed'))
      closing = new AbortController()
      http.close()
      http = createRspamdHttp()
    },
  })
}

/** The engine for the registry; tests and services that need their own call createRspamdEngine(). */
export const rspamdEngine = createRspamdEngine()

/**
 * "Soft reject" is Rspamd saying "try again later": its own deadline passed (Moat's configuration
 * sets soft_reject_on_timeout) or a rule postponed the message. It is no verdict, so it must not
 * read as clean.
 */
export function outcomeOf(check: RspamdCheck, config: RspamdConfig): EngineOutcome {
  if (check.action === 'soft reject') {
    const said = check.smtpMessage ? ` (${check.smtpMessage})` : ''
    return {
      status: 'error',
      errorCode: /time/i.test(check.smtpMessage ?? '') ? 'Timeout' : 'Threw',
      why: `Rspamd asked to try again later${said} instead of giving a verdict`,
    }
  }
  return ok(rspamdFindings(check, config))
}

/** Every failure becomes an error outcome with a plain reason; none may throw out of scan(). */
export function failure(err: unknown): EngineOutcome {
  if (!(err instanceof RspamdError)) {
    return {
      status: 'error',
      errorCode: 'Threw',
      why: `the rspamd engine failed: ${(err as Error)?.message ?? String(err)}`,
    }
  }
  const errorCode =
    err.kind === 'unavailable'
      ? 'Unavailable'
      : err.kind === 'aborted'
        ? 'Timeout'
        : err.kind === 'protocol'
          ? 'InvalidResult'
          : 'Threw'
  return { status: 'error', errorCode, why: err.message }
}

function mb(bytes: number): string {
  return (bytes / MiB).toFixed(1)
}
