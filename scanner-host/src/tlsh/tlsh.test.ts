/** TLSH hasher: every reference 4.x vector bit for bit, chunking, and a plain transcription as a cross-check. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatTlsh, parseTlsh, TLSH_BODY_BYTES } from './digest.ts'
import { lengthValue, LVALUE_TOPS, PEARSON, pearson } from './tables.ts'
import { expectedHashes, VECTORS } from './reference-vectors.ts'
import { TLSH_MIN_LENGTH, TlshHasher, tlshHash } from './tlsh.ts'

/**
 * The reference's update/final written out the plain way (ring buffer, four Pearson steps per
 * triplet, bucket counts), to check the optimised hasher against on arbitrary input.
 */
function plainTlsh(data: Uint8Array): string | null {
  const buckets = new Uint32Array(256)
  const window = new Uint8Array(5)
  let checksum = 0
  for (let i = 0; i < data.length; i++) {
    const j = i % 5
    window[j] = data[i]!
    if (i < 4) continue
    const w = (back: number) => window[(j - back + 5) % 5]!
    checksum = pearson(0, w(0), w(1), checksum)
    buckets[pearson(2, w(0), w(1), w(2))]!++
    buckets[pearson(3, w(0), w(1), w(3))]!++
    buckets[pearson(5, w(0), w(2), w(3))]!++
    buckets[pearson(7, w(0), w(2), w(4))]!++
    buckets[pearson(11, w(0), w(1), w(4))]!++
    buckets[pearson(13, w(0), w(3), w(4))]!++
  }
  if (data.length < 50) return null
  const sorted = buckets.slice(0, 128).sort()
  const [q1, q2, q3] = [sorted[31]!, sorted[63]!, sorted[95]!]
  if (q3 === 0 || buckets.slice(0, 128).filter((b) => b > 0).length <= 64) return null
  const body = new Uint8Array(TLSH_BODY_BYTES)
  for (let b = 0; b < 128; b++) {
    const k = buckets[b]!
    body[b >> 2]! |= (k > q3 ? 3 : k > q2 ? 2 : k > q1 ? 1 : 0) << (2 * (b & 3))
  }
  const ratio = (q: number) => Math.trunc(Math.fround(Math.fround(q * 100) / Math.fround(q3))) % 16
  return formatTlsh({ checksum, lvalue: lengthValue(data.length), q1ratio: ratio(q1), q2ratio: ratio(q2), body })
}

/** Hashes `data` fed in the given chunk sizes (cycled), each chunk a view at its own offset. */
function chunked(data: Uint8Array, sizes: number[]): string | null {
  const hasher = new TlshHasher()
  for (let at = 0, s = 0; at < data.length; s++) {
    const size = Math.max(1, sizes[s % sizes.length]!)
    hasher.update(data.subarray(at, at + size))
    at += size
  }
  return hasher.digest()
}

describe('tlshHash against the reference vectors', () => {
  const vectors = expectedHashes()

  it('reads all 80 expected hashes', () => {
    expect(vectors).toHaveLength(80)
  })

  it.each(vectors)('$name', ({ hash, name }) => {
    expect(tlshHash(readFileSync(join(VECTORS, name)))).toBe(hash)
  })

  it('matches every generated size of testlen (Fibonacci-like growth from 292 bytes to 6.5 MB)', () => {
    const lines = readFileSync(join(VECTORS, 'exp/testlen.128.1.out_EXP'), 'latin1').split('\n')
    const expected: { size: number; hash: string }[] = []
    for (let i = 0; i < lines.length; i++) {
      const sizeMatch = /^\s*(\d+) testlen2\.txt$/.exec(lines[i]!)
      if (sizeMatch) expected.push({ size: Number(sizeMatch[1]), hash: lines[i + 1]!.split('\t')[0]! })
    }
    expect(expected).toHaveLength(22)

    const line = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890!@#$%^&*()\n'
    let a = Buffer.from(line + line, 'latin1')
    let b = Buffer.concat([a, a])
    for (const { size, hash } of expected) {
      expect(b.length).toBe(size)
      expect(tlshHash(b)).toBe(hash)
      ;[a, b] = [b, Buffer.concat([a, b])]
    }
  })
})

describe('TlshHasher', () => {
  const alice = readFileSync(join(VECTORS, 'example_data/0Alice.txt'))
  const aliceHash = expectedHashes().find((v) => v.name === 'example_data/0Alice.txt')!.hash

  it('gives the same digest however the input is split, at any alignment', () => {
    for (const sizes of [[1], [2], [3], [4], [5], [7], [1, 2, 3, 4, 5], [15, 16, 17], [4093], [alice.length]]) {
      expect(chunked(alice, sizes)).toBe(aliceHash)
    }
    // Views that start at every offset of their buffer take the word loop's head and tail paths.
    for (let shift = 0; shift < 8; shift++) {
      const padded = Buffer.alloc(alice.length + shift)
      alice.copy(padded, shift)
      expect(tlshHash(padded.subarray(shift))).toBe(aliceHash)
    }
  })

  it('agrees with a plain transcription of the reference on arbitrary bytes and splits', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }),
        (bytes, sizes) => {
          const expected = plainTlsh(bytes)
          expect(tlshHash(bytes)).toBe(expected)
          expect(chunked(bytes, sizes)).toBe(expected)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('agrees with the plain transcription on skewed text, where buckets tie', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'aab c\n\tZ'), { minLength: 40, maxLength: 4000 }), (chars) => {
        const bytes = Buffer.from(chars.join(''), 'latin1')
        expect(tlshHash(bytes)).toBe(plainTlsh(bytes))
      }),
      { numRuns: 200 },
    )
  })

  it('returns null under 50 bytes and for input too uniform to hash', () => {
    const varied = Uint8Array.from({ length: 400 }, (_, i) => (i * 151 + 17) & 0xff)
    expect(tlshHash(varied.subarray(0, TLSH_MIN_LENGTH - 1))).toBeNull()
    expect(tlshHash(new Uint8Array(0))).toBeNull()
    expect(tlshHash(Buffer.alloc(100_000, 'a'))).toBeNull()
    expect(tlshHash(Buffer.from('ab'.repeat(5000)))).toBeNull()
    expect(tlshHash(varied)).toMatch(/^T1[0-9A-F]{70}$/)
  })

  it('keeps its state after digest() and starts over after reset()', () => {
    const hasher = new TlshHasher().update(alice.subarray(0, 3000))
    const partial = hasher.digest()
    expect(hasher.digest()).toBe(partial)
    expect(hasher.update(alice.subarray(3000)).digest()).toBe(aliceHash)
    expect(hasher.length).toBe(alice.length)
    expect(hasher.reset().update(alice).digest()).toBe(aliceHash)
  })

  it('digestParts() is the digest taken apart', () => {
    const parts = new TlshHasher().update(alice).digestParts()!
    expect(parts).toEqual(parseTlsh(aliceHash))
    expect(formatTlsh(parts)).toBe(aliceHash)
  })

  it('counts past the point where its 32-bit counters are folded (256 MiB) without losing any', () => {
    // Counts grow linearly with copies of one block: after the first copy, every further copy adds
    // the same histogram (the windows that span two copies are the same each time).
    const block = Uint8Array.from({ length: 1 << 20 }, (_, i) => (Math.imul(i, 2654435761) >>> 23) & 0xff)
    const copies = 272
    const hasher = new TlshHasher()
    hasher.update(block)
    const one = hasher.bucketCounts()
    hasher.update(block)
    const two = hasher.bucketCounts()
    for (let i = 2; i < copies; i++) hasher.update(block)
    const all = hasher.bucketCounts()
    for (let b = 0; b < 256; b++) expect(all[b]).toBe(one[b]! + (copies - 1) * (two[b]! - one[b]!))
    expect(hasher.digestParts()!.lvalue).toBe(lengthValue(copies * 2 ** 20))
  }, 60_000)
})

describe('tables', () => {
  it('has a Pearson table that is a permutation of 0..255', () => {
    expect([...PEARSON].sort((a, b) => a - b)).toEqual(Array.from({ length: 256 }, (_, i) => i))
  })

  it('has 170 strictly increasing length thresholds', () => {
    expect(LVALUE_TOPS).toHaveLength(170)
    for (let i = 1; i < LVALUE_TOPS.length; i++) expect(LVALUE_TOPS[i]).toBeGreaterThan(LVALUE_TOPS[i - 1]!)
  })
})

describe('lengthValue', () => {
  it('follows the reference thresholds at their edges', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(lengthValue)).toEqual([0, 0, 1, 2, 3, 3, 4])
    expect([656, 657, 3171, 3172, 4224281216, 4224281217].map(lengthValue)).toEqual([15, 16, 21, 22, 169, 170])
  })
})
