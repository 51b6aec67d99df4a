import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { silentLogger } from '../../log.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { OrganizationSchema } from '../../policy/organization.ts'
import { buildMessage, type TestMessage } from '../../testing/build-message.ts'
import { findingsOf, runEngine } from '../../testing/engine-harness.ts'
import { bigMessage, nestedMessage } from '../../testing/hostile-messages.ts'
import type { Deadline, EngineContext } from '../engine.ts'
import { createYaraEngine, type YaraConfig, YaraConfigSchema } from './index.ts'
import { forwardOf, harvestPage, powershellShortcut, smugglingPage } from './testing/samples.ts'

const engine = createYaraEngine()
afterAll(() => engine.close?.())

/** A deadline that passes after `checks` questions: bounds the work without timing anything. */
function countingDeadline(checks: number): Deadline & { asked: () => number } {
  let asked = 0
  return { at: performance.now() + 60_000, passed: () => ++asked > checks, asked: () => asked }
}

async function scanWith(message: TestMessage, deadline: Deadline, config: Partial<YaraConfig> = {}) {
  const ctx: EngineContext<YaraConfig> = {
    config: YaraConfigSchema.parse(config),
    signal: new AbortController().signal,
    deadline,
    limits: DEFAULT_LIMITS,
    organization: OrganizationSchema.parse({}),
    log: silentLogger,
  }
  return engine.scan(await parseMessage(buildMessage(message), DEFAULT_LIMITS), ctx)
}

const fifty = (last: Buffer): TestMessage => ({
  text: 'fifty files',
  attachments: Array.from({ length: 50 }, (_, i) => ({
    filename: `file-${i + 1}.bin`,
    content: i === 49 ? last : randomBytes(4096),
  })),
})

describe('yara on hostile input', () => {
  it('reads random bytes, empty parts and broken MIME without throwing', async () => {
    const message: TestMessage = {
      html: '<html><script>new Blob([',
      attachments: [
        { filename: 'noise.bin', content: randomBytes(2 * 1024 * 1024) },
        { filename: 'empty.iso', content: Buffer.alloc(0) },
        { filename: 'ones.img', content: Buffer.alloc(64 * 1024, 0xff) },
      ],
    }
    expect(await findingsOf(engine, message)).toEqual([])
    expect(await findingsOf(engine, randomBytes(64 * 1024))).toEqual([])
    expect(await findingsOf(engine, Buffer.alloc(0))).toEqual([])
    expect(await findingsOf(engine, nestedMessage(60))).toEqual([])
  })

  it('reads a 20 MB message and its 15 MB attachment', async () => {
    expect(await findingsOf(engine, bigMessage(20))).toEqual([])
  })

  it('reads at most maxScanBytes of each part, from its start', async () => {
    const message = { attachments: [{ filename: 'a.html', content: smugglingPage() }] }
    expect(await findingsOf(engine, message)).toHaveLength(1)
    // The Blob call sits past the first kilobyte, so a 1 KiB cap cannot see it.
    expect(await findingsOf(engine, message, { config: { maxScanBytes: 1024 } })).toEqual([])
    const lnk = { attachments: [{ filename: 'a.lnk', content: powershellShortcut() }] }
    expect(await findingsOf(engine, lnk, { config: { maxScanBytes: 1024 } })).toHaveLength(1)
  })

  it('stops at the deadline between the parts of a message with 50 attachments', async () => {
    const deadline = countingDeadline(10)
    const outcome = await scanWith(fifty(powershellShortcut()), deadline)
    expect(outcome).toMatchObject({ status: 'error', errorCode: 'Timeout' })
    // One question per part, then the answer: far fewer than the 52 parts.
    expect(deadline.asked()).toBeLessThanOrEqual(11)
  })

  it('reads all 50 attachments when there is time, and finds the last one', async () => {
    const outcome = await scanWith(fifty(powershellShortcut()), countingDeadline(1000))
    expect(outcome.status).toBe('ok')
    const findings = outcome.status === 'ok' ? outcome.findings : []
    expect(findings.map((f) => f.evidence.parts)).toEqual([['file-50.bin']])
  })

  it('opens attached messages two levels deep, not deeper', async () => {
    const wrap = (name: string, inner: TestMessage): TestMessage => ({
      text: 'forwarded',
      attachments: [{ filename: name, contentType: 'message/rfc822', content: forwardOf(inner) }],
    })
    const twoDeep = wrap('a.eml', wrap('b.eml', { html: harvestPage() }))
    const [finding] = await findingsOf(engine, twoDeep)
    expect(finding!.evidence.parts).toEqual(['a.eml > b.eml > HTML body'])
    expect(await findingsOf(engine, wrap('x.eml', twoDeep))).toEqual([])
  })

  it('errors when the deadline has already passed', async () => {
    expect(await runEngine(engine, { text: 'hi' }, { timeoutMs: 0 })).toMatchObject({
      status: 'error',
      errorCode: 'Timeout',
    })
  })
})
