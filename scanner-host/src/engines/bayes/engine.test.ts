import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { learnMessage } from '../../learning/learn-message.ts'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { lookupWords } from '../../state/bayes-store.ts'
import { openLearningState, type LearningState } from '../../state/learning-state.ts'
import { trainedTotals } from '../../state/trained-store.ts'
import { buildMessage, type TestMessage } from '../../testing/build-message.ts'
import { runEngine } from '../../testing/engine-harness.ts'
import { BayesConfigSchema, classifyMessage, createBayesEngine, createBayesLearner, tokenize } from './index.ts'

const HAM_WORDS = 'meeting agenda project report schedule review budget deadline team notes patch build release minutes'
const SPAM_WORDS =
  'viagra cheap winner prize lottery offer click guaranteed million credit casino bonus unsubscribe pills'

/** The `i`-th message of a side: the side's words in a rotating selection, from a few senders. */
function sample(side: 'ham' | 'spam', i: number): TestMessage {
  const vocabulary = (side === 'ham' ? HAM_WORDS : SPAM_WORDS).split(' ')
  const pick = (n: number) => Array.from({ length: n }, (_, k) => vocabulary[(i * 5 + k * 3) % vocabulary.length]!)
  return side === 'ham'
    ? {
        from: `Colleague ${i % 3} <colleague${i % 3}@work.example>`,
        subject: pick(3).join(' '),
        text: pick(10).join(' '),
      }
    : {
        from: `Prize Desk <desk${i}@promo${i % 4}.example>`,
        subject: pick(3).join(' ').toUpperCase(),
        html: `<p>${pick(10).join(' ')}</p><a href="https://win${i % 4}.example/claim">claim now</a>`,
      }
}

const config = BayesConfigSchema.parse({ minHam: 5, minSpam: 5 })
let dir: string
let state: LearningState

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'moat-bayes-'))
  state = await openLearningState(dir)
})
afterEach(() => state.close())

/** Built once when given as bytes: buildMessage gives each build its own Message-ID, so its own SHA-256. */
const parse = (spec: TestMessage | Buffer) =>
  parseMessage(Buffer.isBuffer(spec) ? spec : buildMessage(spec), DEFAULT_LIMITS)

async function learn(spec: TestMessage | Buffer, side: 'ham' | 'spam', untrain = false, on = state) {
  return learnMessage(on, [createBayesLearner(config)], { message: await parse(spec), side, untrain })
}

async function trainSome(ham: number, spam: number, on = state) {
  for (let i = 0; i < ham; i++) await learn(sample('ham', i), 'ham', false, on)
  for (let i = 0; i < spam; i++) await learn(sample('spam', i), 'spam', false, on)
}

const scan = (spec: TestMessage, options = config) => runEngine(createBayesEngine(state), spec, { config: options })

describe('bayes engine', () => {
  it('skips, saying why, until enough good mail and spam are trained', async () => {
    await trainSome(3, 3)
    const outcome = await runEngine(createBayesEngine(state), sample('spam', 99))
    expect(outcome).toEqual({
      status: 'skipped',
      why: 'The junk filter needs at least 50 good and 10 spam messages reported before it rates mail; it has 3 and 3.',
    })
    const direct = await classifyMessage(state, await parse(sample('spam', 99)), BayesConfigSchema.parse({}))
    expect(direct).toHaveProperty('skipped')
  })

  it('rates spam like the reported spam as spam, and good mail as good mail', async () => {
    await trainSome(8, 8)
    const spam = await scan(sample('spam', 42))
    expect(spam.status).toBe('ok')
    const [finding] = spam.status === 'ok' ? spam.findings : []
    expect(finding?.code).toMatch(/^BAYES_SPAM/)
    expect(finding?.evidence.probability).toBeGreaterThanOrEqual(config.bands.spam)
    expect(finding?.evidence.spamWords).toEqual(expect.arrayContaining([expect.any(String)]))
    expect(finding?.evidence).toMatchObject({ trainedHam: 8, trainedSpam: 8 })

    const ham = await scan(sample('ham', 42))
    expect(ham).toMatchObject({ status: 'ok', findings: [{ code: 'BAYES_HAM' }] })
  })

  it('gives the probability of every message to evaluations, in a band or not', async () => {
    await trainSome(8, 8)
    const raw = buildMessage({ subject: 'hello', text: 'nothing known here', html: '<p>or here</p>' })
    const result = await classifyMessage(state, await parse(raw), config)
    if (!('probability' in result)) throw new Error(result.skipped)
    expect(result.probability).toBeGreaterThan(0)
    expect(result.probability).toBeLessThan(1)
    expect(result.trained).toEqual({ ham: 8, spam: 8 })
    // Bands that leave no room between 0 and 1: no finding, though the probability is known.
    const noBands = BayesConfigSchema.parse({ ...config, bands: { ham: 0, spamLikely: 1, spam: 1, spamCertain: 1 } })
    expect(await runEngine(createBayesEngine(state), raw, { config: noBands })).toEqual({ status: 'ok', findings: [] })
  })

  it('sees training done by another process on the very next scan', async () => {
    const other = await openLearningState(dir)
    try {
      await trainSome(8, 8, other)
    } finally {
      other.close()
    }
    expect((await scan(sample('spam', 7))).status).toBe('ok')
  })

  it('takes the counts back when a message is untrained', async () => {
    await trainSome(8, 8)
    const extra = buildMessage({ subject: 'zebra quokka', text: 'ocelot pangolin viagra' })
    const words = tokenize(await parse(extra), config)
    const before = lookupWords(state, words)

    expect(await learn(extra, 'spam')).toBe('trained')
    const trained = lookupWords(state, words)
    expect(trained.get('ocelot')).toEqual({ ham: 0, spam: 1 })
    expect(trained.get('viagra')!.spam).toBe(before.get('viagra')!.spam + 1)
    expect(trainedTotals(state)).toEqual({ ham: 8, spam: 9 })

    expect(await learn(extra, 'spam', true)).toBe('untrained')
    expect(lookupWords(state, words)).toEqual(before)
    expect(trainedTotals(state)).toEqual({ ham: 8, spam: 8 })
  })

  it('counts a message trained twice once, and corrects the counts when it moves to the other side', async () => {
    const message = buildMessage({ subject: 'quarterly numbers', text: 'budget spreadsheet attached' })
    expect(await learn(message, 'spam')).toBe('trained')
    expect(await learn(message, 'spam')).toBe('unchanged')
    const words = tokenize(await parse(message), config)
    expect(lookupWords(state, words).get('budget')).toEqual({ ham: 0, spam: 1 })

    expect(await learn(message, 'ham')).toBe('moved')
    const moved = lookupWords(state, words)
    expect(moved.get('budget')).toEqual({ ham: 1, spam: 0 })
    expect([...moved.values()].every((c) => c.ham === 1 && c.spam === 0)).toBe(true)
    expect(trainedTotals(state)).toEqual({ ham: 1, spam: 0 })
  })
})
