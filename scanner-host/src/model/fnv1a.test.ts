import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fnv1a32 } from './fnv1a.ts'

/** The definition, byte by byte over TextEncoder's UTF-8 (which writes a lone surrogate as U+FFFD). */
function reference(text: string): number {
  let h = 0x811c9dc5
  for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193)
  return h >>> 0
}

describe('fnv1a32', () => {
  it('gives the published FNV-1a 32-bit values', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5)
    expect(fnv1a32('a')).toBe(0xe40c292c)
    expect(fnv1a32('foobar')).toBe(0xbf9cf968)
  })

  it('hashes the UTF-8 bytes of any string, surrogate pairs and lone surrogates included', () => {
    for (const s of ['héllo', '日本語', '😀x', 'a\ud800b', '\udc00', '\ud83d']) expect(fnv1a32(s)).toBe(reference(s))
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => fnv1a32(s) === reference(s)))
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
        (s) => fnv1a32(s) === reference(s),
      ),
    )
  })
})
