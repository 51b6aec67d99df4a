/** TLSH distance and digest text: every pairwise score of the reference 4.x vectors, with and without length. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatTlsh, isTlsh, parseTlsh, TNULL, type TlshDigest } from './digest.ts'
import { tlshDistance } from './distance.ts'
import { expectedHashes, expectedLines } from './reference-vectors.ts'

const hashes = new Map(expectedHashes().map(({ name, hash }) => [name, hash]))

/** `file1<TAB>file2<TAB>distance` lines, as the reference tool prints them with -xref. */
function expectedScores(file: string): { a: string; b: string; distance: number }[] {
  return expectedLines(file).map(([a, b, distance]) => ({ a: a!, b: b!, distance: Number(distance) }))
}

describe('tlshDistance against the reference vectors', () => {
  for (const [file, includeLength] of [
    ['example_data.128.1.len.xref.scores_EXP', true],
    ['example_data.128.1.xlen.xref.scores_EXP', false],
  ] as const) {
    it(`scores all 3,160 pairs of ${file}`, () => {
      const scores = expectedScores(file)
      expect(scores).toHaveLength(3160)
      const wrong = scores.filter(
        ({ a, b, distance }) => tlshDistance(hashes.get(a)!, hashes.get(b)!, { includeLength }) !== distance,
      )
      expect(wrong).toEqual([])
    })
  }

  it('is 0 between a digest and itself, and symmetric', () => {
    const all = [...hashes.values()]
    for (const h of all) expect(tlshDistance(h, h)).toBe(0)
    for (let i = 0; i + 1 < all.length; i++) {
      expect(tlshDistance(all[i]!, all[i + 1]!)).toBe(tlshDistance(all[i + 1]!, all[i]!))
    }
  })

  it('counts a neighbouring length bucket as 1 and a farther one 12 times its distance', () => {
    const base = parseTlsh(hashes.get('example_data/0Alice.txt')!)
    const withLength = (lvalue: number): TlshDigest => ({ ...base, lvalue })
    expect(tlshDistance(base, withLength(base.lvalue + 1))).toBe(1)
    expect(tlshDistance(base, withLength(base.lvalue + 3))).toBe(36)
    expect(tlshDistance(base, withLength(base.lvalue + 3), { includeLength: false })).toBe(0)
    // The length value wraps around at 256, as the reference's mod_diff does.
    expect(tlshDistance(withLength(255), withLength(1))).toBe(24)
  })

  it('takes digests as text or as parts alike', () => {
    const [a, b] = [hashes.get('example_data/0Alice.txt')!, hashes.get('example_data/bio.txt')!]
    expect(tlshDistance(parseTlsh(a), parseTlsh(b))).toBe(tlshDistance(a, b))
  })
})

describe('digest text', () => {
  it('round-trips every reference digest', () => {
    for (const h of hashes.values()) expect(formatTlsh(parseTlsh(h))).toBe(h)
  })

  it('reads lower-case hex digits and the old format without T1', () => {
    const h = hashes.get('example_data/0Alice.txt')!
    expect(parseTlsh('T1' + h.slice(2).toLowerCase())).toEqual(parseTlsh(h))
    expect(parseTlsh(h.slice(2))).toEqual(parseTlsh(h))
  })

  it('takes the header apart as the reference does (nibbles swapped, body reversed)', () => {
    // testlen's first input: 292 bytes, length bucket 14 (printed E0), ratios 2 and 4 (printed 24).
    const parts = parseTlsh('T14BE02411DD334D0C0F03114C31404DDF3C75C7030407310110D4474DC1740C04440404')
    expect(parts).toMatchObject({ checksum: 0xb4, lvalue: 14, q1ratio: 2, q2ratio: 4 })
    expect(parts.body[31]).toBe(0x11)
    expect(parts.body[0]).toBe(0x04)
  })

  it('refuses what is not a digest', () => {
    for (const text of [TNULL, '', 'T1', 'T2' + 'A'.repeat(70), 'T1' + 'G'.repeat(70), 'T1' + 'A'.repeat(69)]) {
      expect(isTlsh(text)).toBe(false)
      expect(() => parseTlsh(text)).toThrow(RangeError)
    }
    expect(() => tlshDistance(TNULL, hashes.get('example_data/0Alice.txt')!)).toThrow(/not a TLSH digest/)
  })

  it('formats and parses any parts back to the same parts', () => {
    const parts = fc.record({
      checksum: fc.integer({ min: 0, max: 255 }),
      lvalue: fc.integer({ min: 0, max: 255 }),
      q1ratio: fc.integer({ min: 0, max: 15 }),
      q2ratio: fc.integer({ min: 0, max: 15 }),
      body: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    })
    fc.assert(
      fc.property(parts, (p) => {
        const text = formatTlsh(p)
        expect(isTlsh(text)).toBe(true)
        expect(parseTlsh(text)).toEqual(p)
      }),
    )
  })
})
