import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { editDistance } from './edit-distance.ts'

describe('editDistance', () => {
  it('counts inserts, deletes, substitutions and adjacent swaps', () => {
    expect(editDistance('paypal', 'paypal', 2)).toBe(0)
    expect(editDistance('paypal', 'paypall', 2)).toBe(1)
    expect(editDistance('paypal', 'papal', 2)).toBe(1)
    expect(editDistance('paypal', 'paypai', 2)).toBe(1)
    expect(editDistance('paypal', 'papyal', 2)).toBe(1)
    expect(editDistance('microsoft', 'micorsfot', 3)).toBe(2)
  })

  it('stops at max + 1', () => {
    expect(editDistance('paypal', 'amazon', 1)).toBe(2)
    expect(editDistance('a', 'abcdef', 2)).toBe(3)
    expect(editDistance('', 'ab', 5)).toBe(2)
  })

  it('agrees with an unbounded reference within the bound', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        const full = reference(a, b)
        expect(editDistance(a, b, 2)).toBe(Math.min(full, 3))
        expect(editDistance(a, b, 2)).toBe(editDistance(b, a, 2))
      }),
    )
  })
})

/** Plain optimal string alignment distance, for comparison. */
function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[a.length]![b.length]!
}
