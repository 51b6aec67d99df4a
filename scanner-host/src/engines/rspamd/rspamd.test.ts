/** The rspamd engine against the real Rspamd and Redis (offline, DNS stub), including Rspamd killed mid-run. */
import { randomBytes } from 'node:crypto'
import type { Finding } from '@moat/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRspamd, type TestRspamd } from '../../daemons/rspamd/testing.ts'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { silentLogger } from '../../log.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { createScanner } from '../../pipeline/scan-message.ts'
import { OrganizationSchema } from '../../policy/organization.ts'
import { PolicySchema } from '../../policy/policy.ts'
import { buildMessage, type TestMessage } from '../../testing/build-message.ts'
import { runEngine } from '../../testing/engine-harness.ts'
import { createDeadline, type EngineOutcome } from '../engine.ts'
import { mimeEngine } from '../mime/index.ts'
import { RspamdConfigSchema, type RspamdConfig } from './config.ts'
import { addFuzzy, learnHam, learnSpam, rspamdStat } from './controller.ts'
import { createRspamdEngine } from './rspamd-engine.ts'

/** Rspamd looks for GTUBE in text parts of up to 8 KB, on a line of its own. */
const GTUBE = 'This is the GTUBE test.\nXJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\n'
const HAM: TestMessage = {
  subject: 'Minutes of Tuesday’s planning meeting',
  text: 'Hi Bob,\n\nattached are the minutes of Tuesday’s meeting. We agreed to move the release to the 14th and to review the budget next week.\n\nThanks,\nAlice\n',
}

/** Words enough for Bayes (11 tokens) and fuzzy hashes (64 words, 1 KB). */
function prose(seed: string, words = 220): string {
  const vocabulary = [
    'offer',
    'account',
    'invoice',
    'garden',
    'weekend',
    'market',
    'river',
    'signal',
    'copper',
    'ladder',
  ]
  return Array.from(
    { length: words },
    (_, i) => `${vocabulary[(i * 7 + seed.length) % vocabulary.length]}${seed}${i % 13}`,
  ).join(' ')
}

describe('rspamd engine with the real Rspamd', () => {
  let rspamd: TestRspamd
  let config: RspamdConfig
  const engine = createRspamdEngine()
  const scan = (message: TestMessage | Buffer) => runEngine(engine, message, { config })
  const codes = (outcome: EngineOutcome) => (outcome.status === 'ok' ? outcome.findings.map((f) => f.code) : [])

  beforeAll(async () => {
    rspamd = await startTestRspamd()
    config = RspamdConfigSchema.parse({
      url: rspamd.url,
      controllerUrl: rspamd.controllerUrl,
      password: rspamd.password,
    })
  })
  afterAll(async () => {
    await engine.close?.()
    await rspamd?.cleanup()
  })

  it('gets Rspamd’s reject for the GTUBE test message, with GTUBE in the evidence', async () => {
    const outcome = await scan({ subject: 'GTUBE', text: GTUBE })
    expect(outcome.status).toBe('ok')
    const [finding] = (outcome as { findings: Finding[] }).findings
    expect(finding).toMatchObject({ code: 'RSPAMD_REJECT', severity: 'high', evidence: { action: 'reject' } })
    expect(finding!.evidence.symbols).toContain('GTUBE (0)')
    // At least Rspamd's refusal threshold (15), at the default half weight.
    expect(finding!.score).toBeGreaterThanOrEqual(15 * RspamdConfigSchema.parse({}).scoreWeight)
  })

  it('lets a plain good message through without a finding', async () => {
    const outcome = await scan(HAM)
    expect(outcome).toEqual({ status: 'ok', findings: [] })
  })

  it('hands Rspamd the envelope it recovered: client IP, MAIL FROM, RCPT TO', async () => {
    const messageId = `<envelope-${Date.now()}@sender.example>`
    const outcome = await scan({
      ...HAM,
      messageId,
      headers: {
        'Return-Path': '<bounces@sender.example>',
        'Delivered-To': 'bob@corp.example',
        Received:
          'from out.sender.example (out.sender.example [198.51.100.4]) by mx.corp.example (Postfix) with ESMTPS id 4AbC',
      },
    })
    expect(outcome.status).toBe('ok')
    const row = await historyRow(messageId.slice(1, -1))
    expect(row).toMatchObject({
      ip: '198.51.100.4',
      sender_smtp: 'bounces@sender.example',
      rcpt_smtp: ['bob@corp.example'],
    })
  })

  it('learns spam and ham through the controller, and knows a message it has learnt', async () => {
    const before = await rspamdStat(config)
    const spam = [1, 2, 3].map((n) => buildMessage({ subject: `Offer ${n}`, text: prose(`s${n}`) }))
    const ham = [1, 2, 3].map((n) => buildMessage({ subject: `Notes ${n}`, text: prose(`h${n}`) }))
    for (const raw of spam) expect((await learnSpam(raw, config)).outcome).toBe('learned')
    for (const raw of ham) expect((await learnHam(raw, config)).outcome).toBe('learned')
    expect(await learnSpam(spam[0]!, config)).toMatchObject({ outcome: 'already-learned' })
    const after = await rspamdStat(config)
    expect(after.learned - before.learned).toBe(6)
  })

  it('matches a near copy of a message added to the fuzzy storage', async () => {
    const text = prose('fz', 400)
    expect((await addFuzzy(buildMessage({ subject: 'Campaign', text }), config, 'denied')).outcome).toBe('learned')
    // The storage writes what it was given at its next sync, every second in Moat's configuration.
    let symbols: unknown = []
    for (let attempt = 0; attempt < 50 && !String(symbols).includes('FUZZY_DENIED'); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200))
      const outcome = await scan({ subject: 'Campaign again', text: `${text} unsubscribe` })
      symbols = outcome.status === 'ok' ? outcome.findings[0]?.evidence.symbols : []
    }
    expect(symbols).toEqual(expect.arrayContaining([expect.stringMatching(/^FUZZY_DENIED /)]))
  })

  it('reports itself ready, with Rspamd’s version and what Bayes has learnt', async () => {
    const health = await engine.health!({ config, signal: AbortSignal.timeout(10_000), log: silentLogger })
    expect(health).toMatchObject({ state: 'ready', version: `rspamd ${rspamd.version}` })
    expect(health.loaded).toMatch(/Bayes learnt \d+ spam and \d+ ham/)
  })

  describe('when Rspamd is killed mid-run', () => {
    const policy = () =>
      PolicySchema.parse({
        criticalEngines: ['mime', 'rspamd'],
        engines: { rspamd: { timeoutMs: 10_000, config: { url: rspamd.url, controllerUrl: rspamd.controllerUrl } } },
      })

    it('errors every scan it could not finish, never returning a clean result, and nothing crashes', async () => {
      const unhandled: unknown[] = []
      const onUnhandled = (reason: unknown) => unhandled.push(reason)
      process.on('unhandledRejection', onUnhandled)
      try {
        // A 4 MB attachment keeps Rspamd busy reading and parsing, so the kill lands while scans are in flight.
        const attachment = { filename: 'data.bin', content: randomBytes(4 * 1024 * 1024) }
        const raw = buildMessage({ subject: 'Burst', text: GTUBE, attachments: [attachment] })
        const message = await parseMessage(raw, DEFAULT_LIMITS)
        const ctx = {
          config,
          signal: AbortSignal.timeout(20_000),
          deadline: createDeadline(20_000),
          limits: DEFAULT_LIMITS,
          organization: OrganizationSchema.parse({}),
          log: silentLogger,
        }
        const scans = Array.from({ length: 40 }, () => engine.scan(message, ctx))
        await Promise.race(scans)
        rspamd.kill('SIGKILL')
        const outcomes = await Promise.all(scans)

        for (const outcome of outcomes) {
          if (outcome.status === 'ok') expect(codes(outcome)).toEqual(['RSPAMD_REJECT'])
          else expect(outcome).toMatchObject({ status: 'error', errorCode: 'Unavailable' })
        }
        expect(outcomes.filter((o) => o.status === 'error').length).toBeGreaterThan(0)
        expect(await scan(HAM)).toMatchObject({ status: 'error', errorCode: 'Unavailable' })
        expect(unhandled).toEqual([])
      } finally {
        process.off('unhandledRejection', onUnhandled)
      }
    })

    it('holds the message, naming the engine, while Rspamd is down', async () => {
      const scanner = createScanner({ policy: policy(), engines: [mimeEngine, engine] })
      const { verdict } = await scanner.scan(buildMessage(HAM))
      expect(verdict.action).toBe('quarantine')
      const reason = verdict.reasons.find((r) => r.code === 'ENGINE_FAILED_CRITICAL')
      expect(reason?.evidence).toMatchObject({ engine: 'rspamd', errorCode: 'Unavailable' })
      expect(reason?.text).toMatch(/^The rspamd check could not finish \(Rspamd is not running at/)
      expect(verdict.engines.failed).toEqual([expect.objectContaining({ name: 'rspamd', critical: true })])
      const health = await engine.health!({ config, signal: AbortSignal.timeout(10_000), log: silentLogger })
      expect(health.state).toBe('down')
    })

    it('recovers once Rspamd is back', async () => {
      await rspamd.restart()
      expect(await scan(HAM)).toEqual({ status: 'ok', findings: [] })
      const scanner = createScanner({ policy: policy(), engines: [mimeEngine, engine] })
      const good = await scanner.scan(buildMessage(HAM))
      expect(good.verdict.action).toBe('allow')
      expect(good.verdict.engines.failed).toEqual([])
      // Rspamd's own refusal holds the message (a minimum action), whatever its weight in the score.
      const gtube = await scanner.scan(buildMessage({ subject: 'GTUBE', text: GTUBE }))
      expect(gtube.verdict.action).toBe('quarantine')
      expect(gtube.verdict.reasons[0]).toMatchObject({ code: 'RSPAMD_REJECT', source: 'rspamd', score: 7.5 })
      const health = await engine.health!({ config, signal: AbortSignal.timeout(10_000), log: silentLogger })
      expect(health.state).toBe('ready')
    })
  })

  /** Rspamd writes its history to Redis after answering: asked a few times, briefly. */
  async function historyRow(messageId: string): Promise<Record<string, unknown> | undefined> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const answer = await fetch(`${rspamd.controllerUrl}/history`, { headers: { Password: rspamd.password } })
      const rows = ((await answer.json()) as { rows: Record<string, unknown>[] }).rows
      const row = rows.find((r) => r['message-id'] === messageId)
      if (row) return row
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return undefined
  }
})
