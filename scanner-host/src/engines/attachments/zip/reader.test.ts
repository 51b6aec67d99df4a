import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildZip, centralHeader, endRecord, localHeader } from '../testing/zip-writer.ts'
import { zipListing } from './listing.ts'
import { readZip } from './reader.ts'

/** A fresh inflation meter with room to spare, for listings read outside the engine. */
const unlimited = () => ({ spent: 0, limit: Number.MAX_SAFE_INTEGER })

describe('readZip', () => {
  it('lists names, sizes, methods and the encryption flag from the central directory', () => {
    const zip = buildZip([
      { name: 'docs/readme.txt', data: 'hello '.repeat(100) },
      { name: 'photo.jpg', data: Buffer.alloc(10, 7), method: 'store' },
      { name: 'secret.docx', data: 'x', encrypted: true },
      { name: 'folder/', data: '', method: 'store' },
    ])
    const dir = readZip(zip, 100)
    expect(dir.damage).toBeNull()
    expect(dir.claimedEntries).toBe(4)
    expect(dir.entries.map((e) => [e.name, e.method, e.uncompressedSize, e.encrypted, e.isDirectory])).toEqual([
      ['docs/readme.txt', 8, 600, false, false],
      ['photo.jpg', 0, 10, false, false],
      ['secret.docx', 8, 1, true, false],
      ['folder/', 0, 0, false, true],
    ])
    expect(dir.entries[0]!.compressedSize).toBeLessThan(600)
  })

  it('keeps UTF-8 names, including a right-to-left override', () => {
    const dir = readZip(buildZip([{ name: 'invoice\u202Efdp.exe', data: 'x' }]), 10)
    expect(dir.entries[0]!.name).toBe('invoice\u202Efdp.exe')
  })

  it('reads an archive after a prefix (self-extractor stub) by shifting every offset', () => {
    const zip = buildZip([{ name: 'a.txt', data: 'abc', method: 'store' }])
    const prefixed = Buffer.concat([Buffer.alloc(1000, 0x41), zip])
    const listing = zipListing(prefixed, 10, unlimited())
    expect(listing.damage).toBeNull()
    expect(listing.entries[0]!.head()?.toString()).toBe('abc')
  })

  it('reads ZIP64 sizes from the extra field', () => {
    const fields = {
      name: 'big.bin',
      method: 0,
      flags: 0,
      crc: 0,
      compressedSize: 0xffffffff,
      uncompressedSize: 0xffffffff,
    }
    const extra = Buffer.alloc(20)
    extra.writeUInt16LE(0x0001, 0)
    extra.writeUInt16LE(16, 2)
    extra.writeBigUInt64LE(6_000_000_000n, 4)
    extra.writeBigUInt64LE(5_000_000_000n, 12)
    const local = localHeader({ ...fields })
    const cd = centralHeader({ ...fields, localOffset: 0, extra })
    const zip = Buffer.concat([local, cd, endRecord(1, cd.length, local.length)])
    const entry = readZip(zip, 10).entries[0]!
    expect([entry.uncompressedSize, entry.compressedSize]).toEqual([6_000_000_000, 5_000_000_000])
  })

  it('reports damage: no end record, a cut directory, an entry count that lies', () => {
    const zip = buildZip([
      { name: 'a.txt', data: 'a' },
      { name: 'b.txt', data: 'b' },
    ])
    expect(readZip(zip.subarray(0, zip.length - 30), 10).damage).toMatch(/missing/)
    expect(readZip(Buffer.from('PK\x03\x04 and then nothing useful'), 10).damage).toMatch(/missing/)
    const lying = Buffer.from(zip)
    lying.writeUInt16LE(5, lying.length - 12)
    expect(readZip(lying, 10).damage).toMatch(/cut short/)
    const hiding = Buffer.from(zip)
    hiding.writeUInt16LE(0, hiding.length - 12)
    const read = readZip(hiding, 10)
    expect(read.entries).toHaveLength(2)
    expect(read.damage).toMatch(/more files/)
  })

  it('stops at maxEntries and says there were more', () => {
    const zip = buildZip(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })))
    const dir = readZip(zip, 4)
    expect(dir.entries).toHaveLength(4)
    expect(dir.more).toBe(true)
    expect(dir.damage).toBeNull()
  })

  it('never throws on hostile bytes: random input and random corruption of a real archive', () => {
    const zip = buildZip([
      { name: 'a/b.exe', data: 'MZ'.repeat(50) },
      { name: 'c.zip', data: buildZip([{ name: 'd.txt', data: 'x' }]) },
    ])
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const listing = zipListing(
          Buffer.concat([Buffer.from('PK\x03\x04'), bytes, Buffer.from('PK\x05\x06')]),
          50,
          unlimited(),
        )
        for (const e of listing.entries) {
          e.head()
          e.open(1024)
        }
      }),
    )
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(zip.length - 1), fc.nat(255)), { maxLength: 8 }), (edits) => {
        const copy = Buffer.from(zip)
        for (const [at, value] of edits) copy[at] = value
        const listing = zipListing(copy, 50, unlimited())
        for (const e of listing.entries) {
          e.head()
          e.open(1024 * 1024)
        }
      }),
      { numRuns: 500 },
    )
  })
})
