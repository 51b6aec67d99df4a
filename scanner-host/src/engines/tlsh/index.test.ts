import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path, { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FindingSchema } from '@moat/contract'
import { learnMessage } from '../../learning/learn-message.ts'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { openLearningState, type LearningState } from '../../state/learning-state.ts'
import { buildMessage, type TestMessage } from '../../testing/build-message.ts'
import { campaignMessage, FIRST_COPY, VARIANTS } from '../../testing/campaign.ts'
import { runEngine } from '../../testing/engine-harness.ts'
import { createFingerprintLearner, createTlshEngine, TlshConfigSchema } from './index.ts'

const DAY = 24 * 60 * 60 * 1000
const config = TlshConfigSchema.parse({})
let state: LearningState

beforeEach(async () => {
  state = await openLearningState(await mkdtemp(join(tmpdir(), 'moat-tlsh-')))
})
afterEach(() => state.close())

async function report(raw: Buffer | TestMessage, side: 'spam' | 'ham', at = Date.now()) {
  const message = await parseMessage(Buffer.isBuffer(raw) ? raw : buildMessage(raw), DEFAULT_LIMITS)
  return learnMessage(state, [createFingerprintLearner(config)], { message, side, at })
}

const scan = (raw: Buffer | TestMessage) => runEngine(createTlshEngine(state), raw)
const codes = async (raw: Buffer | TestMessage) => {
  const outcome = await scan(raw)
  return outcome.status === 'ok' ? outcome.findings.map((f) => f.code) : outcome.status
}

/** A few kilobytes of varied text, as an attachment of a campaign. */
const invoice = Array.from(
  { length: 120 },
  (_, i) => `line ${i}: item ${(i * 7919) % 1000} qty ${i % 13} total ${i * 31}`,
)
  .join('\n')
  .concat('\n')

/** A body long and varied enough to fingerprint, the same in every copy. */
const campaignText = invoice.slice(0, 2000)

describe('tlsh engine', () => {
  it('skips a message with nothing long enough to fingerprint', async () => {
    expect(await scan({ text: 'ok, thanks!' })).toMatchObject({ status: 'skipped' })
  })

  it('names the reported message it resembles, with the distance', async () => {
    await report(campaignMessage(FIRST_COPY), 'spam')
    const outcome = await scan(campaignMessage(VARIANTS['all of them']!))
    expect(outcome.status).toBe('ok')
    const [finding] = outcome.status === 'ok' ? outcome.findings : []
    expect(finding).toMatchObject({
      code: 'FINGERPRINT_REPORTED_SPAM',
      evidence: { part: 'body', reportedSubject: 'Your parcel could not be delivered', spamReports: 1 },
    })
    expect(finding!.evidence.distance).toBeLessThanOrEqual(config.maxDistance)
    expect(finding!.text).toMatch(/^This message closely resembles a message reported as spam/)
  })

  it('matches a reported attachment under a different body', async () => {
    await report(
      { text: 'Please find the invoice attached.', attachments: [{ filename: 'inv.txt', content: invoice }] },
      'spam',
    )
    const outcome = await scan({
      subject: 'Unrelated',
      text: 'Here is the document you asked for yesterday.',
      attachments: [{ filename: 'document.txt', content: invoice.replace('line 5:', 'line 5 :') }],
    })
    expect(outcome).toMatchObject({
      status: 'ok',
      findings: [{ code: 'FINGERPRINT_REPORTED_SPAM', evidence: { part: 'document.txt' } }],
    })
  })

  it('lets one ham report outweigh one spam report, and more spam reports outweigh it again', async () => {
    const variant = campaignMessage(VARIANTS['paragraphs reordered']!)
    await report(campaignMessage(FIRST_COPY), 'spam')
    await report(campaignMessage(VARIANTS['another image']!), 'ham')
    expect(await codes(variant)).toEqual([])
    await report(campaignMessage(VARIANTS['another recipient']!), 'spam')
    expect(await codes(variant)).toEqual([]) // 2 spam - 2 x 1 ham = 0
    await report(campaignMessage(VARIANTS['another greeting']!), 'spam')
    expect(await codes(variant)).toEqual(['FINGERPRINT_REPORTED_SPAM'])
  })

  it('names a report that still stands: a taken-back sample gives way to the next spam report', async () => {
    const first = buildMessage({ subject: 'First report', text: campaignText })
    await report(first, 'spam')
    await report(buildMessage({ subject: 'Second report', text: campaignText }), 'spam')
    const message = await parseMessage(first, DEFAULT_LIMITS)
    await learnMessage(state, [createFingerprintLearner(config)], { message, side: 'spam', untrain: true })
    const evidence = async () => {
      const outcome = await scan({ subject: 'Now', text: campaignText })
      return outcome.status === 'ok' ? outcome.findings[0]?.evidence : undefined
    }
    expect(await evidence()).toMatchObject({ reportedSubject: '', spamReports: 1 })
    await report(buildMessage({ subject: 'Third report', text: campaignText }), 'spam')
    expect(await evidence()).toMatchObject({ reportedSubject: 'Third report', spamReports: 2 })
  })

  it('keeps its finding valid when the reported subject and file name are hostile', async () => {
    const subject = `=?utf-8?q?${'=01'.repeat(80)}${'=E2=80=AE'.repeat(40)}?=`
    const filename = `${'x'.repeat(600)}.txt`
    await report(
      buildMessage({ subject, text: 'See attached.', attachments: [{ filename, content: invoice }] }),
      'spam',
    )
    const outcome = await scan({ subject, text: 'See attached.', attachments: [{ filename, content: invoice }] })
    expect(outcome.status).toBe('ok')
    const [finding] = outcome.status === 'ok' ? outcome.findings : []
    expect(() => FindingSchema.parse(finding)).not.toThrow()
    expect(finding!.text.length).toBeLessThan(400)
    // eslint-disable-next-line no-control-regex -- control characters are what must not get through
    expect(finding!.text).not.toMatch(/[\u0000-\u001f\u202e]/)
  })

  it('sees a report committed through another connection at the very next scan', async () => {
    const variant = campaignMessage(VARIANTS['all of them']!)
    expect(await codes(variant)).toEqual([]) // the reads are prepared and the caches warm
    const writer = await openLearningState(path.dirname(state.file))
    try {
      const message = await parseMessage(campaignMessage(FIRST_COPY), DEFAULT_LIMITS)
      await learnMessage(writer, [createFingerprintLearner(config)], { message, side: 'spam' })
    } finally {
      writer.close()
    }
    expect(await codes(variant)).toEqual(['FINGERPRINT_REPORTED_SPAM'])
  })

  it('forgets reports past their time to live, and training prunes them', async () => {
    await report(campaignMessage(FIRST_COPY), 'spam', Date.now() - (config.ttlDays + 1) * DAY)
    expect(await codes(campaignMessage(VARIANTS['another recipient']!))).toEqual([])
    await report({ text: 'An unrelated newsletter about gardening, with enough words to fingerprint it well.' }, 'spam')
    const rows = await state.db.query.fingerprints.findMany()
    expect(rows.map((r) => r.sampleSubject)).toEqual(['Test message'])
  })
})
