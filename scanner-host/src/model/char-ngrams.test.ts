import { describe, expect, it } from 'vitest'
import { addCharNgrams } from './char-ngrams.ts'

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
