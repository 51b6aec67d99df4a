/** Zip archives as ArchiveListings: entry data located through local headers, overlap detection. */
import { inflateRawSync } from 'node:zlib'
import {
  HEAD_BYTES,
  inflatedHead,
  inflationLeft,
  type ArchiveEntry,
  type ArchiveListing,
  type Inflation,
  type Opened,
} from '../archive.ts'
import { displayName } from '../filename.ts'
import { readZip, type ZipEntry } from './reader.ts'

const LOCAL = 0x04034b50
const LOCAL_SIZE = 30

/** Lists the zip in `buf`, reading at most `maxEntries` entries; what entries inflate counts in `inflation`. */
export function zipListing(buf: Buffer, maxEntries: number, inflation: Inflation): ArchiveListing {
  const dir = readZip(buf, maxEntries)
  const spans: Span[] = []
  let damage = dir.damage
  const entries = dir.entries.map((entry) => {
    const start = dataStart(buf, entry)
    if (typeof start === 'number')
      spans.push({ name: entry.name, from: entry.localOffset, to: start + entry.compressedSize })
    else damage ??= `the data of ${displayName(entry.name)} is missing or cut short`
    return toArchiveEntry(buf, entry, start, inflation)
  })
  return {
    format: 'zip archive',
    entries,
    claimedEntries: dir.claimedEntries,
    more: dir.more,
    damage,
    unread: null,
    encrypted: false,
    overlap: findOverlap(spans),
  }
}

interface Span {
  name: string
  from: number
  to: number
}

/**
 * Each entry owns [local header, end of its data). In an honest archive these never intersect;
 * David Fifield's non-recursive zip bomb (WOOT 2019) makes every entry's data contain the next
 * entry's local header, and simpler bombs point many directory entries at one local header.
 */
function findOverlap(spans: Span[]): [string, string] | null {
  spans.sort((a, b) => a.from - b.from || a.to - b.to)
  for (let i = 1; i < spans.length; i++) {
    const previous = spans[i - 1]!
    const current = spans[i]!
    if (current.from < previous.to) return [previous.name, current.name]
  }
  return null
}

/** APPNOTE 4.3.7: the data follows the local header, whose own name and extra lengths count. */
function dataStart(buf: Buffer, entry: ZipEntry): number | string {
  const at = entry.localOffset
  if (at < 0 || at + LOCAL_SIZE > buf.length || buf.readUInt32LE(at) !== LOCAL) return 'its file header is missing'
  const start = at + LOCAL_SIZE + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28)
  if (start + entry.compressedSize > buf.length) return 'its data runs past the end of the archive'
  return start
}

function toArchiveEntry(buf: Buffer, entry: ZipEntry, start: number | string, inflation: Inflation): ArchiveEntry {
  const data = (): Buffer | string =>
    typeof start === 'number' ? buf.subarray(start, start + entry.compressedSize) : start
  return {
    name: entry.name,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    encrypted: entry.encrypted,
    isDirectory: entry.isDirectory,
    dataAt: entry.localOffset,
    head: () => {
      const bytes = data()
      if (typeof bytes === 'string' || entry.encrypted) return null
      if (entry.method === 0) return bytes.subarray(0, HEAD_BYTES)
      return entry.method === 8 ? inflatedHead(inflateRawSync, bytes, inflation) : null
    },
    open: (maxBytes) => open(entry, data(), maxBytes, inflation),
  }
}

/**
 * Inflates an entry, never more than its claimed size (honest entries need no more) nor `maxBytes`.
 * Inflating past the claim shows forged sizes; the output cap stops the work right there.
 */
function open(entry: ZipEntry, bytes: Buffer | string, maxBytes: number, inflation: Inflation): Opened {
  if (typeof bytes === 'string') return { ok: false, why: 'damaged', detail: bytes }
  if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) return { ok: false, why: 'unsupported' }
  if (entry.method === 0) return { ok: true, bytes }
  if (entry.uncompressedSize > maxBytes) return { ok: false, why: 'too-large' }
  const limit = Math.max(1, entry.uncompressedSize)
  if (limit > inflationLeft(inflation)) return { ok: false, why: 'spent' }
  try {
    const out = inflateRawSync(bytes, { maxOutputLength: limit })
    inflation.spent += out.length
    return { ok: true, bytes: out }
  } catch (err) {
    // Up to the cap may have been inflated before the failure: the worst case counts.
    inflation.spent += limit
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, why: 'exceeds-claim', limit }
    return { ok: false, why: 'damaged', detail: 'a file in it cannot be decompressed' }
  }
}
