import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addCharNgrams, hashCharNgrams } from './char-ngrams.ts'
import { fnv1a32 } from './fnv1a.ts'

function grams(text: string, sizes: number[], maxChars = 100): string[] {
  const counts = new Map<string, number>()
  addCharNgrams(text, sizes, maxChars, '', counts)
  return [...counts.keys()]
}

describe('addCharNgrams', () => {
  it('reads lower-cased text with whitespace runs made one space, padded with a space each side', () => {
    expect(grams('Hi \n\t YOU', [3])).toEqual([' hi', 'hi ', 'i y', ' yo', 'you', 'ou '])
  })

  it('counts code points, so a gram never holds half a character', () => {
    expect(grams('😀x日', [2])).toEqual([' 😀', '😀x', 'x日', '日 '])
  })

  it('reads at most maxChars code points', () => {
    expect(grams('abcdef', [3], 4)).toEqual([' ab', 'abc', 'bcd', 'cd '])
  })

  it('counts repeats', () => {
    const counts = new Map<string, number>()
    addCharNgrams('aaaa', [2], 100, 'c:', counts)
    expect(Object.fromEntries(counts)).toEqual({ 'c: a': 1, 'c:aa': 3, 'c:a ': 1 })
  })
})

/** The strings' way: count `prefix + gram` strings, then hash each distinct term once. */
function byStrings(texts: { text: string; prefix: string }[], sizes: number[], maxChars: number) {
  const counts = new Map<string, number>()
  for (const { text, prefix } of texts) addCharNgrams(text, sizes, maxChars, prefix, counts)
  return { hashes: [...counts.keys()].map((term) => fnv1a32(term) | 0), counts: [...counts.values()] }
}

describe('hashCharNgrams', () => {
  it('gives the hashes and counts of the terms addCharNgrams makes, in the same order', () => {
    const texts = [
      { text: 'Hello  WORLD hello', prefix: '#s:' },
      { text: 'cheap meds 😀 日本語 a\ud800b \udc00 cheap meds', prefix: '#c:' },
    ]
    expect(hashCharNgrams(texts, [3, 4, 5], 3000)).toEqual(byStrings(texts, [3, 4, 5], 3000))
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
        fc.integer({ min: 1, max: 300 }),
        (body, subject, maxChars) => {
          const t = [
            { text: subject, prefix: '#s:' },
            { text: body, prefix: '#c:' },
          ]
          expect(hashCharNgrams(t, [3, 4, 5], maxChars)).toEqual(byStrings(t, [3, 4, 5], maxChars))
        },
      ),
    )
  })

  it('gives up (null) when two different terms share a hash, so the caller counts strings', () => {
    // '#c:f xc' and '#c:z7ld' have the same FNV-1a 32 (found by search).
    expect(fnv1a32('#c:f xc')).toBe(fnv1a32('#c:z7ld'))
    expect(hashCharNgrams([{ text: 'f xc z7ld', prefix: '#c:' }], [4], 100)).toBeNull()
    expect(hashCharNgrams([{ text: 'f xc f xc', prefix: '#c:' }], [4], 100)).not.toBeNull()
  })
})
