import { describe, expect, it } from 'vitest'
import { FindingSchema } from '@moat/contract'
import { BayesConfigSchema, DEFAULT_BAYES_CONFIG } from './config.ts'
import { bandFinding, bandOf, roundProbability, safeWord } from './findings.ts'

const bands = DEFAULT_BAYES_CONFIG.bands
const totals = { ham: 120, spam: 80 }

describe('bands', () => {
  it('maps a probability to its band, the highest spam band first', () => {
    expect(bandOf(0.05, bands)).toBe('BAYES_HAM')
    expect(bandOf(bands.ham, bands)).toBe('BAYES_HAM')
    expect(bandOf((bands.ham + bands.spamLikely) / 2, bands)).toBeNull()
    expect(bandOf(bands.spamLikely, bands)).toBe('BAYES_SPAM_LIKELY')
    expect(bandOf(bands.spam, bands)).toBe('BAYES_SPAM')
    expect(bandOf(bands.spamCertain, bands)).toBe('BAYES_SPAM_CERTAIN')
    expect(bandOf(1, bands)).toBe('BAYES_SPAM_CERTAIN')
  })

  it('refuses bands that do not rise', () => {
    expect(() => BayesConfigSchema.parse({ bands: { ham: 0.5, spamLikely: 0.4 } })).toThrow(/bands must rise/)
    expect(() => BayesConfigSchema.parse({ bands: { spam: 0.999, spamCertain: 0.99 } })).toThrow(/bands must rise/)
  })
})

describe('bandFinding', () => {
  it('explains a spam rating with its probability and the words that decided', () => {
    const finding = bandFinding(
      {
        probability: 0.99987,
        significant: [
          { word: 'viagra', p: 0.99 },
          { word: 'meeting', p: 0.02 },
          { word: 'subject:cheap', p: 0.97 },
          { word: 'pills', p: 0.95 },
          { word: 'url:pharmacy.example', p: 0.94 },
        ],
      },
      bands,
      totals,
    )
    expect(FindingSchema.parse(finding)).toEqual(finding)
    expect(finding).toMatchObject({
      code: 'BAYES_SPAM_CERTAIN',
      severity: 'high',
      text: 'The junk filter is all but certain this message is spam (99.9% spam), from words such as "viagra", "subject:cheap" and "pills".',
      evidence: {
        probability: 0.9999,
        spamWords: ['viagra', 'subject:cheap', 'pills', 'url:pharmacy.example'],
        hamWords: ['meeting'],
        trainedSpam: 80,
        trainedHam: 120,
      },
    })
  })

  it('explains a good-mail rating with the good words', () => {
    const finding = bandFinding({ probability: 0.0123, significant: [{ word: 'meeting', p: 0.01 }] }, bands, totals)
    expect(finding?.code).toBe('BAYES_HAM')
    expect(finding?.text).toBe(
      'The junk filter rates this message as good mail (1.2% spam), from words such as "meeting".',
    )
  })

  it('gives no finding between the bands', () => {
    expect(bandFinding({ probability: 0.3, significant: [] }, bands, totals)).toBeNull()
  })

  it('makes words from the message safe to show', () => {
    expect(safeWord('list-id:evil\u0000\u001b[31mred\nline')).toBe('list-id:evil [31mred line')
    expect(safeWord('x'.repeat(100))).toHaveLength(40)
    expect(roundProbability(0.123456)).toBe(0.1235)
  })
})
