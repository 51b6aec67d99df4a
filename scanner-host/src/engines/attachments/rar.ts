/** RAR 4 and RAR 5 block walkers: file names, sizes and password flags (contents are not unpacked). */
import { emptyListing, type ArchiveEntry, type ArchiveListing } from './archive.ts'

/** Blocks walked at most; service and padding blocks are not entries but still cost a step each. */
const MAX_BLOCKS = 100_000
const RAR5_SIGNATURE = Buffer.from('526172211a070100', 'hex')

/** Lists a RAR archive's files as far as its headers are readable; entries cannot be opened. */
export function rarListing(buf: Buffer, maxEntries: number): ArchiveListing {
  const listing = emptyListing('RAR archive')
  const rar5 = buf.length >= 8 && buf.compare(RAR5_SIGNATURE, 0, 8, 0, 8) === 0
  try {
    if (rar5) walkRar5(buf, maxEntries, listing)
    else walkRar4(buf, maxEntries, listing)
  } catch {
    // Buffer reads past the end throw RangeError; a cut-off header is damage, not a scanner failure.
    listing.damage = 'its file list is cut short'
  }
  listing.claimedEntries = listing.entries.length
  return listing
}

function entry(
  name: string,
  compressedSize: number,
  uncompressedSize: number,
  encrypted: boolean,
  isDirectory: boolean,
): ArchiveEntry {
  return {
    name,
    compressedSize,
    uncompressedSize,
    encrypted,
    isDirectory,
    head: () => null,
    open: () => ({ ok: false, why: 'unsupported' }),
  }
}

/** RAR 2.9-4.x technote: 7-byte marker, then blocks of HEAD_CRC, TYPE, FLAGS, SIZE [, ADD_SIZE]. */
function walkRar4(buf: Buffer, maxEntries: number, listing: ArchiveListing): void {
  let pos = 7
  for (let blocks = 0; pos + 7 <= buf.length; blocks++) {
    if (blocks >= MAX_BLOCKS) {
      listing.damage = 'it has too many blocks to read'
      return
    }
    const type = buf[pos + 2]!
    const flags = buf.readUInt16LE(pos + 3)
    const size = buf.readUInt16LE(pos + 5)
    if (size < 7) {
      listing.damage = 'a block header is damaged'
      return
    }
    // LONG_BLOCK (0x8000): a 32-bit ADD_SIZE follows; for file headers it is PACK_SIZE.
    let addSize = flags & 0x8000 ? buf.readUInt32LE(pos + 7) : 0
    if (type === 0x73 && flags & 0x0080) {
      // MHD_PASSWORD: every following header is encrypted, so names cannot be read.
      listing.encrypted = true
      return
    }
    if (type === 0x74) {
      if (listing.entries.length >= maxEntries) {
        listing.more = true
        return
      }
      const large = (flags & 0x0100) !== 0
      const high = (at: number) => (large ? buf.readUInt32LE(at) * 2 ** 32 : 0)
      const packed = buf.readUInt32LE(pos + 7) + high(pos + 32)
      const unpacked = buf.readUInt32LE(pos + 11) + high(pos + 36)
      const nameSize = buf.readUInt16LE(pos + 26)
      const nameAt = pos + (large ? 40 : 32)
      let raw = buf.subarray(nameAt, Math.min(nameAt + nameSize, buf.length))
      // LHD_UNICODE: an ASCII name, a zero byte, then the compressed Unicode form.
      if (flags & 0x0200 && raw.includes(0)) raw = raw.subarray(0, raw.indexOf(0))
      const isDirectory = (flags & 0x00e0) === 0x00e0
      listing.entries.push(entry(raw.toString('utf8'), packed, unpacked, (flags & 0x0004) !== 0, isDirectory))
      addSize = packed
    }
    if (type === 0x7b) return
    pos += size + addSize
  }
  if (pos > buf.length) listing.damage = 'its file list is cut short'
}

/** RAR 5.0 technote: blocks of CRC32, vint HeaderSize, vint type and flags, optional extra and data sizes. */
function walkRar5(buf: Buffer, maxEntries: number, listing: ArchiveListing): void {
  let pos = 8
  for (let blocks = 0; pos + 4 < buf.length; blocks++) {
    if (blocks >= MAX_BLOCKS) {
      listing.damage = 'it has too many blocks to read'
      return
    }
    const r = new VintReader(buf, pos + 4)
    const headerSize = r.next()
    const headerEnd = r.pos + headerSize
    const type = r.next()
    const flags = r.next()
    const extraSize = flags & 0x0001 ? r.next() : 0
    const dataSize = flags & 0x0002 ? r.next() : 0
    if (headerEnd > buf.length) throw new RangeError('cut short')
    if (type === 4) {
      // Archive encryption header: all headers after it are encrypted.
      listing.encrypted = true
      return
    }
    if (type === 2) {
      if (listing.entries.length >= maxEntries) {
        listing.more = true
        return
      }
      const fileFlags = r.next()
      const unpacked = r.next()
      r.next() // attributes
      if (fileFlags & 0x0002) r.skip(4) // mtime
      if (fileFlags & 0x0004) r.skip(4) // data CRC32
      r.next() // compression information
      r.next() // host OS
      const nameLength = r.next()
      const name = buf.toString('utf8', r.pos, Math.min(r.pos + nameLength, headerEnd))
      const encrypted = hasEncryptionRecord(buf, headerEnd - extraSize, headerEnd)
      listing.entries.push(entry(name, dataSize, unpacked, encrypted, (fileFlags & 0x0001) !== 0))
    }
    if (type === 5) return
    pos = headerEnd + dataSize
  }
}

/** Extra area records are vint Size, vint Type, data; type 1 is the file encryption record. */
function hasEncryptionRecord(buf: Buffer, from: number, to: number): boolean {
  const r = new VintReader(buf, from)
  while (r.pos < to) {
    const size = r.next()
    const start = r.pos
    if (r.next() === 1) return true
    r.pos = start + size
    if (size === 0) return false
  }
  return false
}

/** RAR 5 variable-length integers: 7 bits per byte, low first, high bit set on all but the last. */
class VintReader {
  pos: number
  private readonly buf: Buffer

  constructor(buf: Buffer, pos: number) {
    this.buf = buf
    this.pos = pos
  }

  next(): number {
    let value = 0
    for (let shift = 0; shift < 53; shift += 7) {
      if (this.pos >= this.buf.length) throw new RangeError('cut short')
      const b = this.buf[this.pos++]!
      value += (b & 0x7f) * 2 ** shift
      if (!(b & 0x80)) return value
    }
    throw new RangeError('number too large')
  }

  skip(n: number): void {
    this.pos += n
  }
}
