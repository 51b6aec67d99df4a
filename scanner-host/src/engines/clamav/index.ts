/** clamav engine: the raw message and every decoded attachment, streamed to clamd (INSTREAM) for known malware. */
import { defineEngine, type Engine, type EngineOutcome } from '../engine.ts'
import { clamdAddress } from './address.ts'
import { type ClamavConfig, ClamavConfigSchema } from './config.ts'
import { clamdHealth } from './health.ts'
import { scanWithClamd } from './scan.ts'

export { ClamavConfigSchema, type ClamavConfig } from './config.ts'
export { parseClamdAddress, formatClamdAddress, type ClamdAddress } from './address.ts'
export { clamdCommand, clamdInstream, ClamdError } from './client.ts'

/**
 * Most messages take milliseconds; a 25 MB message full of archives takes seconds with the full
 * official database, and clamd's own MaxScanTime (120 s) is far too long to hold a mailbox for.
 */
export const CLAMAV_DEFAULT_TIMEOUT_MS = 15_000

/**
 * A fresh engine with its own memory of the last error (for health pages). `close()` drops the
 * streams in flight; the engine stays usable afterwards, each scan opening its own connections.
 */
export function createClamavEngine(): Engine<ClamavConfig> {
  let closing = new AbortController()
  let lastError: { address: string; why: string; at: Date } | null = null

  return defineEngine({
    name: 'clamav',
    description: 'ClamAV (clamd): known malware in the message and in every attachment, archives included.',
    configSchema: ClamavConfigSchema,
    defaultTimeoutMs: CLAMAV_DEFAULT_TIMEOUT_MS,
    async scan(message, ctx): Promise<EngineOutcome> {
      let outcome: EngineOutcome
      try {
        outcome = await scanWithClamd(message, ctx.config, AbortSignal.any([ctx.signal, closing.signal]))
      } catch (err) {
        // scanWithClamd turns every clamd failure into an outcome; this is for bugs, which must not read as clean.
        outcome = { status: 'error', errorCode: 'Threw', why: `the clamav engine failed: ${(err as Error).message}` }
      }
      if (outcome.status === 'error') {
        lastError = { address: ctx.config.address, why: outcome.why, at: new Date() }
        ctx.log.warn('clamav scan failed', {
          address: ctx.config.address,
          errorCode: outcome.errorCode,
          why: outcome.why,
        })
      }
      return outcome
    },
    async health(ctx) {
      const health = await clamdHealth(clamdAddress(ctx.config.address), ctx.signal)
      if (health.lastError || !lastError || lastError.address !== ctx.config.address) return health
      return { ...health, lastError: `${lastError.why} (${lastError.at.toISOString()})` }
    },
    async close() {
      closing.abort(new Error('the clamav engine was closed'))
      closing = new AbortController()
    },
  })
}

export const clamavEngine = createClamavEngine()
