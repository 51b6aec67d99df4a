import { describe, expect, it } from 'vitest'
import { chi2Q, classify, combine, wordProbability } from './classify.ts'
import { DEFAULT_BAYES_CONFIG } from './config.ts'

const options = DEFAULT_BAYES_CONFIG
const totals = { ham: 100, spam: 100 }

describe('wordProbability', () => {
  it('pushes a word seen only in spam toward 1 and one seen only in ham toward 0', () => {
    expect(wordProbability({ ham: 0, spam: 40 }, totals, options)).toBeGreaterThan(0.98)
    expect(wordProbability({ ham: 40, spam: 0 }, totals, options)).toBeLessThan(0.02)
    expect(wordProbability({ ham: 20, spam: 20 }, totals, options)).toBeCloseTo(0.5)
  })

  it('compares the shares of each side, not the raw counts', () => {
    // In 10% of 1,000 ham and 10% of 100 spam: says nothing.
    expect(wordProbability({ ham: 100, spam: 10 }, { ham: 1000, spam: 100 }, options)).toBeCloseTo(0.5)
  })

  it('damps rare words toward 0.5 (Robinson)', () => {
    const once = wordProbability({ ham: 0, spam: 1 }, totals, { ...options, rareStrength: 1 })
    const often = wordProbability({ ham: 0, spam: 20 }, totals, { ...options, rareStrength: 1 })
    expect(once).toBeCloseTo(0.75) // (1 * 0.5 + 1 * 1) / (1 + 1)
    expect(often).toBeGreaterThan(once)
    expect(
      wordProbability({ ham: 0, spam: 1 }, totals, { ...options, rareStrength: 0, maxPower: 0.000001 }),
    ).toBeCloseTo(1)
  })

  it('weighs absence from the smaller side as weaker evidence than absence from the larger', () => {
    const big = { ham: 2500, spam: 500 }
    const hamOnly = wordProbability({ ham: 15, spam: 0 }, big, { ...options, rareStrength: 1 })
    const spamOnly = wordProbability({ ham: 0, spam: 15 }, big, { ...options, rareStrength: 1 })
    expect(0.5 - hamOnly).toBeLessThan(spamOnly - 0.5)
  })

  it('clamps to [maxPower, 1 - maxPower]', () => {
    const clamp = { ...options, rareStrength: 0, maxPower: 0.05 }
    expect(wordProbability({ ham: 0, spam: 50 }, totals, clamp)).toBe(0.95)
    expect(wordProbability({ ham: 50, spam: 0 }, totals, clamp)).toBe(0.05)
  })

  it('is 0.5 for a word with no counts', () => {
    expect(wordProbability({ ham: 0, spam: 0 }, totals, options)).toBe(0.5)
  })
})

describe('combine and chi2Q', () => {
  it('computes the chi-squared survival function', () => {
    expect(chi2Q(0, 4)).toBe(1)
    expect(chi2Q(2, 2)).toBeCloseTo(Math.exp(-1))
    expect(chi2Q(4, 4)).toBeCloseTo(3 * Math.exp(-2)) // e^-2 * (1 + 2)
    expect(chi2Q(100_000, 600)).toBe(0)
  })

  it('is 0.5 without words, near 1 for spam words, near 0 for ham words, 0.5 for an even mix', () => {
    expect(combine([])).toBe(0.5)
    expect(combine(Array(10).fill({ p: 0.99 }))).toBeGreaterThan(0.99)
    expect(combine(Array(10).fill({ p: 0.01 }))).toBeLessThan(0.01)
    expect(combine([...Array(10).fill({ p: 0.99 }), ...Array(10).fill({ p: 0.01 })])).toBeCloseTo(0.5)
  })

  it('does not underflow with hundreds of words', () => {
    const p = combine(Array(300).fill({ p: 0.01 }))
    expect(Number.isFinite(p)).toBe(true)
    expect(p).toBeLessThan(0.001)
  })
})

describe('classify', () => {
  const counts = new Map([
    ['viagra', { ham: 0, spam: 60 }],
    ['cheap', { ham: 2, spam: 50 }],
    ['meeting', { ham: 70, spam: 1 }],
    ['the', { ham: 95, spam: 96 }],
  ])

  it('ignores unknown words and words near 0.5, and rates by the rest', () => {
    const spam = classify(['viagra', 'cheap', 'the', 'unknown'], counts, totals, options)
    expect(spam.probability).toBeGreaterThan(0.99)
    expect(spam.significant.map((w) => w.word)).toEqual(['viagra', 'cheap'])
    const ham = classify(['meeting', 'the'], counts, totals, options)
    expect(ham.probability).toBeLessThan(0.05)
    expect(classify(['the', 'unknown'], counts, totals, options).probability).toBe(0.5)
  })

  it('keeps the topWords most telling words of each side, the strongest first', () => {
    const many = new Map<string, { ham: number; spam: number }>()
    const words: string[] = []
    for (let i = 0; i < 30; i++) {
      many.set(`s${i}`, { ham: 0, spam: 1 + i })
      many.set(`h${i}`, { ham: 1 + i, spam: 0 })
      words.push(`s${i}`, `h${i}`)
    }
    const result = classify(words, many, totals, { ...options, topWords: 3 })
    expect(result.significant.map((w) => w.word).sort()).toEqual(['h27', 'h28', 'h29', 's27', 's28', 's29'])
    expect(result.significant[0]!.word).toMatch(/29$/)
  })

  it('is stable: the same words in any order give the same result', () => {
    const a = classify(['viagra', 'meeting', 'cheap'], counts, totals, options)
    const b = classify(['cheap', 'meeting', 'viagra'], counts, totals, options)
    expect(b).toEqual(a)
  })
})
