import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../limits.ts'
import { parseMessage } from '../message/parse-message.ts'
import { PolicySchema } from '../policy/policy.ts'
import { openLearningState, type LearningState } from '../state/learning-state.ts'
import { campaignMessage, FIRST_COPY } from '../testing/campaign.ts'
import { createLearners } from './learners.ts'
import { learnMessage } from './learn-message.ts'

let state: LearningState
beforeEach(async () => {
  state = await openLearningState(await mkdtemp(join(tmpdir(), 'moat-learn-')))
})
afterEach(() => state.close())

const tableSizes = async () => ({
  words: (await state.db.query.bayesWords.findMany()).filter((w) => w.ham > 0 || w.spam > 0).length,
  fingerprints: (await state.db.query.fingerprints.findMany()).length,
  trained: state.reads.trainedCounts(),
})

describe('learnMessage', () => {
  it('takes back exactly what was trained, even after the learners’ settings changed', async () => {
    const message = await parseMessage(campaignMessage(FIRST_COPY), DEFAULT_LIMITS)
    const before = createLearners(PolicySchema.parse({}))
    expect(await learnMessage(state, before, { message, side: 'spam' })).toBe('trained')
    const trained = await tableSizes()
    expect(trained.words).toBeGreaterThan(20)
    expect(trained.fingerprints).toBe(1)

    // New settings would tokenize and fingerprint the message differently.
    const after = createLearners(
      PolicySchema.parse({
        engines: {
          bayes: { config: { twograms: true, minWordLength: 5 } },
          tlsh: { config: { maxBodyChars: 1000 } },
        },
      }),
    )
    expect(await learnMessage(state, after, { message, side: 'spam', untrain: true })).toBe('untrained')
    expect(await tableSizes()).toEqual({ words: 0, fingerprints: 0, trained: { ham: 0, spam: 0 } })
  })

  it('moves a message between sides without leaving counts behind', async () => {
    const message = await parseMessage(campaignMessage(FIRST_COPY), DEFAULT_LIMITS)
    const learners = createLearners(PolicySchema.parse({}))
    await learnMessage(state, learners, { message, side: 'spam' })
    expect(await learnMessage(state, learners, { message, side: 'ham' })).toBe('moved')
    const words = await state.db.query.bayesWords.findMany()
    expect(words.every((w) => w.spam === 0 && w.ham === 1)).toBe(true)
    const [print] = await state.db.query.fingerprints.findMany()
    expect(print).toMatchObject({ spamReports: 0, hamReports: 1 })
    expect(state.reads.trainedCounts()).toEqual({ ham: 1, spam: 0 })
  })
})
