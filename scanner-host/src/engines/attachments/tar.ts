/** tar archives (POSIX.1-1988 ustar, GNU and pax long names): 512-byte headers, stored contents. */
import { emptyListing, HEAD_BYTES, type ArchiveEntry, type ArchiveListing } from './archive.ts'

const BLOCK = 512

/** Lists a tar archive; contents are stored, so every entry can be sniffed and opened for free. */
export function tarListing(buf: Buffer, maxEntries: number): ArchiveListing {
  const listing = emptyListing('tar archive')
  let pos = 0
  let longName: string | null = null
  while (pos + BLOCK <= buf.length) {
    const header = buf.subarray(pos, pos + BLOCK)
    // Two zero blocks end the archive; one is enough to stop reading.
    if (header.every((b) => b === 0)) break
    if (!checksumOk(header)) {
      listing.damage = 'a file header is damaged'
      break
    }
    const size = readSize(header)
    if (size === null) {
      listing.damage = 'a file size is unreadable'
      break
    }
    const start = pos + BLOCK
    const end = start + size
    const type = String.fromCharCode(header[156]!)
    if (type === 'L' || type === 'x') {
      // GNU long name: the data is the next entry's name. pax extended header: "len path=value\n" records.
      const data = buf.toString('utf8', start, Math.min(end, buf.length))
      longName = type === 'L' ? data.replace(/\0.*$/s, '') : (/(?:^|\n)\d+ path=([^\n]*)\n/.exec(data)?.[1] ?? longName)
    } else if (type === '0' || type === '\0' || type === '7' || type === '5') {
      if (listing.entries.length >= maxEntries) {
        listing.more = true
        break
      }
      listing.entries.push(entryAt(buf, longName ?? headerName(header), start, size, type === '5'))
      longName = null
    }
    pos = start + Math.ceil(size / BLOCK) * BLOCK
  }
  if (pos > buf.length) listing.damage ??= 'it is cut short'
  listing.claimedEntries = listing.entries.length
  return listing
}

function entryAt(buf: Buffer, name: string, start: number, size: number, isDirectory: boolean): ArchiveEntry {
  const complete = start + size <= buf.length
  return {
    name,
    compressedSize: size,
    uncompressedSize: size,
    encrypted: false,
    isDirectory,
    head: () => buf.subarray(start, Math.min(start + size, start + HEAD_BYTES, buf.length)),
    open: () =>
      complete
        ? { ok: true, bytes: buf.subarray(start, start + size) }
        : { ok: false, why: 'damaged', detail: 'a file in it is cut short' },
  }
}

/** ustar: name at 0 (100 bytes), prefix at 345 (155 bytes) when the magic says ustar. */
function headerName(header: Buffer): string {
  const name = cString(header, 0, 100)
  const prefix = header.toString('latin1', 257, 262) === 'ustar' ? cString(header, 345, 155) : ''
  return prefix ? `${prefix}/${name}` : name
}

function cString(header: Buffer, at: number, length: number): string {
  const field = header.subarray(at, at + length)
  const nul = field.indexOf(0)
  return field.toString('utf8', 0, nul < 0 ? length : nul)
}

/** Size at 124: 11 octal digits, or GNU base-256 (high bit of the first byte set) for large files. */
function readSize(header: Buffer): number | null {
  if (header[124]! & 0x80) {
    let value = 0
    for (let i = 125; i < 136; i++) value = value * 256 + header[i]!
    return Number.isSafeInteger(value) ? value : null
  }
  const text = cString(header, 124, 12).trim()
  if (!/^[0-7]*$/.test(text)) return null
  return text ? parseInt(text, 8) : 0
}

/** The checksum at 148 is the byte sum of the header with its own field read as spaces. */
function checksumOk(header: Buffer): boolean {
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!
  const stored = cString(header, 148, 8).trim()
  return /^[0-7]+$/.test(stored) && parseInt(stored, 8) === sum
}
