/** measureRspamdAlone: Rspamd's own throughput on the corpus, the yardstick `moat bench` holds Moat to. */
import { eachLimited } from '../each-limited.ts'
import { checkMessage } from '../engines/rspamd/check.ts'
import type { RspamdEndpoint } from '../engines/rspamd/config.ts'

export interface RspamdAloneFigures {
  messages: number
  msgsPerSec: number
  p50Ms: number
  p99Ms: number
  /** Answers that were errors (a healthy run has none). */
  errors: number
}

/**
 * Posts every message to /checkv2 with `concurrency` clients, as an MTA's milter would, after an
 * untimed warm-up. The clients only send bytes, so nearly all the time measured is Rspamd's.
 */
export async function measureRspamdAlone(
  endpoint: Pick<RspamdEndpoint, 'url'>,
  messages: readonly Buffer[],
  options: { concurrency: number; warmup: number },
): Promise<RspamdAloneFigures> {
  await eachLimited(messages.slice(0, options.warmup), options.concurrency, (raw) => checkMessage(raw, endpoint))
  const latencies: number[] = []
  let errors = 0
  const started = performance.now()
  await eachLimited(messages, options.concurrency, async (raw) => {
    const sent = performance.now()
    try {
      await checkMessage(raw, endpoint)
    } catch {
      errors++
    }
    latencies.push(performance.now() - sent)
  })
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0
  return {
    messages: messages.length,
    msgsPerSec: Math.round(messages.length / seconds),
    p50Ms: Math.round(at(0.5) * 100) / 100,
    p99Ms: Math.round(at(0.99) * 100) / 100,
    errors,
  }
}
