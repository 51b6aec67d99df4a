import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { EICAR } from '../../daemons/clamd/index.ts'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { silentLogger } from '../../log.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { createScanner } from '../../pipeline/scan-message.ts'
import { PolicySchema } from '../../policy/policy.ts'
import { buildMessage } from '../../testing/build-message.ts'
import { runEngine } from '../../testing/engine-harness.ts'
import { mimeEngine } from '../mime/index.ts'
import { createClamavEngine } from './index.ts'
import { establishedTo } from './testing/established.ts'
import { useRealClamd } from './testing/real-clamd.ts'
import { scanParsed } from './testing/scan-parsed.ts'

const clamd = useRealClamd()

/** Large enough that its streams are still being written when clamd dies (socket buffers fill). */
function burstMessage(i: number) {
  return {
    subject: `burst ${i}`,
    text: 'report attached',
    attachments: [{ filename: `r${i}.bin`, content: randomBytes(1_500_000) }],
  }
}

describe('clamd killed mid-run', () => {
  it('makes every scan in flight an error, never ok, and scans succeed again after a restart', async () => {
    const engine = createClamavEngine()
    const config = { address: clamd().address }
    const port = Number(new URL(config.address).port)
    const messages = await Promise.all(
      Array.from({ length: 12 }, (_, i) => parseMessage(buildMessage(burstMessage(i)), DEFAULT_LIMITS)),
    )
    // Frozen first, so that no scan of the burst can finish before the kill: the kernel still
    // accepts connections into clamd's listen queue, and the streams stall when buffers fill.
    clamd().kill('SIGSTOP')
    const burst = messages.map((message) => scanParsed(engine, message, config))
    // Each message opens two streams (raw message, attachment) at once.
    for (let i = 0; i < 200 && establishedTo(port) < 2 * messages.length; i++) await sleep(10)
    const inFlight = establishedTo(port)
    clamd().kill('SIGKILL')
    const outcomes = await Promise.all(burst)
    console.info(`burst of ${outcomes.length} messages: ${inFlight} streams open when clamd was killed`)
    console.info(`why: ${[...new Set(outcomes.map((o) => (o.status === 'error' ? o.why : o.status)))].join(' | ')}`)

    expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => 'error'))
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'error', errorCode: 'Unavailable' })

    const health = await engine.health!({
      config: engine.configSchema.parse(config),
      signal: AbortSignal.timeout(3000),
      log: silentLogger,
    })
    expect(health.state).toBe('down')

    await clamd().restart()
    expect(clamd().address).toBe(config.address)
    expect(await runEngine(engine, burstMessage(99), { config })).toEqual({ status: 'ok', findings: [] })
    const after = await engine.health!({
      config: engine.configSchema.parse(config),
      signal: AbortSignal.timeout(3000),
      log: silentLogger,
    })
    expect(after.state).not.toBe('down')
    // The health page still shows what went wrong last.
    expect(after.lastError).toMatch(/tcp:\/\/127\.0\.0\.1/)
  })

  it('gives up on a hung clamd when the deadline fires, with a Timeout error', async () => {
    const engine = createClamavEngine()
    const message = await parseMessage(buildMessage(burstMessage(0)), DEFAULT_LIMITS)
    const controller = new AbortController()
    clamd().kill('SIGSTOP')
    try {
      const scanning = scanParsed(engine, message, { address: clamd().address }, controller.signal)
      const port = Number(new URL(clamd().address).port)
      for (let i = 0; i < 200 && establishedTo(port) < 2; i++) await sleep(10)
      controller.abort(new Error('deadline of 2000 ms passed'))
      expect(await scanning).toEqual({
        status: 'error',
        errorCode: 'Timeout',
        why: 'deadline of 2000 ms passed (2 of 2 parts failed)',
      })
    } finally {
      clamd().kill('SIGCONT')
    }
    expect(await runEngine(engine, { text: 'hello' }, { config: { address: clamd().address } })).toEqual({
      status: 'ok',
      findings: [],
    })
  })

  it('holds the message with a reason naming clamav while clamd is down, and finds EICAR once it is back', async () => {
    const engine = createClamavEngine()
    const policy = PolicySchema.parse({
      criticalEngines: ['mime', 'clamav'],
      engines: { clamav: { config: { address: clamd().address } } },
    })
    // mime is included so that it is not the missing-engine stand-in, which would also fail closed.
    const scanner = createScanner({ policy, engines: [mimeEngine, engine] })
    const eicarMail = buildMessage({ text: 'see attached', attachments: [{ filename: 'eicar.com', content: EICAR }] })
    try {
      await clamd().stop()
      const down = await scanner.scan(eicarMail)
      expect(down.verdict.action).toBe('quarantine')
      const failures = down.verdict.reasons.filter((r) => r.code === 'ENGINE_FAILED_CRITICAL')
      expect(failures).toHaveLength(1)
      expect(failures[0]!.evidence).toMatchObject({ engine: 'clamav', errorCode: 'Unavailable' })
      expect(failures[0]!.text).toMatch(/^The clamav check could not finish \(nothing listens at tcp:/)

      await clamd().restart()
      const up = await scanner.scan(eicarMail)
      expect(up.results.find((r) => r.engine === 'clamav')?.status).toBe('ok')
      expect(up.verdict.reasons.map((r) => r.code)).toContain('CLAMAV_MALWARE')
      expect(up.verdict.reasons.map((r) => r.code)).not.toContain('ENGINE_FAILED_CRITICAL')
      expect(up.verdict.action).toBe('quarantine')
    } finally {
      await scanner.close()
    }
  })
})
