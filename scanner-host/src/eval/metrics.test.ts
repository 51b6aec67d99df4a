import { describe, expect, it } from 'vitest'
import { figuresOf, rocArea, type Scored } from './metrics.ts'

const spam = (score: number, caught = score >= 5): Scored => ({ spam: true, score, caught })
const ham = (score: number, caught = score >= 5, hard = false): Scored => ({ spam: false, hard, score, caught })

describe('rocArea', () => {
  it('is 1 when every spam scores above every ham, 0 when below, 0.5 when all tie', () => {
    expect(rocArea([spam(9), spam(7), ham(1), ham(2)])).toBe(1)
    expect(rocArea([spam(1), ham(9)])).toBe(0)
    expect(rocArea([spam(3), spam(3), ham(3)])).toBe(0.5)
  })

  it('counts pairs: one ham above one of two spam gives 3 of 4 ordered pairs', () => {
    expect(rocArea([spam(9), spam(2), ham(5), ham(1)])).toBe(0.75)
  })
})

describe('figuresOf', () => {
  it('keeps easy and hard ham apart and counts precision over all ham', () => {
    const figures = figuresOf([
      spam(9),
      spam(8),
      spam(6),
      spam(1),
      ham(0),
      ham(6),
      ham(7, true, true),
      ham(1, false, true),
    ])
    expect(figures).toMatchObject({ spam: 4, easyHam: 2, hardHam: 2, recall: 0.75, fpRate: 0.5, hardHamFpRate: 0.5 })
    expect(figures.precision).toBeCloseTo(3 / 5)
  })
})
