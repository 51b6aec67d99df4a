/** Zip central directory reader (PKWARE APPNOTE 6.3.10): lists entries, trusts nothing, never throws. */

export interface ZipEntry {
  name: string
  /** General purpose bit flags (APPNOTE 4.4.4): bit 0 encrypted, bit 3 data descriptor, bit 11 UTF-8. */
  flags: number
  /** Compression method (APPNOTE 4.4.5): 0 stored, 8 deflated, 99 AES (WinZip AE-x). */
  method: number
  compressedSize: number
  uncompressedSize: number
  /** Offset of the local file header from the start of the buffer (any prefix already added). */
  localOffset: number
  encrypted: boolean
  isDirectory: boolean
}

export interface ZipDirectory {
  entries: ZipEntry[]
  /** Entry count the end record claims, which may be a lie. */
  claimedEntries: number
  /** Why the directory could not be read in full, or null. */
  damage: string | null
  /** True when reading stopped at `maxEntries` with more entries still listed. */
  more: boolean
}

const EOCD = 0x06054b50
const EOCD_SIZE = 22
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const CENTRAL_SIZE = 46
const U16_MAX = 0xffff
const U32_MAX = 0xffffffff

const utf8 = new TextDecoder('utf-8')
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Lists up to `maxEntries` entries of the zip archive in `buf`. */
export function readZip(buf: Buffer, maxEntries: number): ZipDirectory {
  const fail = (damage: string, claimedEntries = 0): ZipDirectory => ({
    entries: [],
    claimedEntries,
    damage,
    more: false,
  })
  const eocd = findEndRecord(buf)
  if (eocd < 0) return fail('the end of its table of contents is missing')

  // APPNOTE 4.3.16 end of central directory record.
  const disk = buf.readUInt16LE(eocd + 4)
  const cdDisk = buf.readUInt16LE(eocd + 6)
  let total = buf.readUInt16LE(eocd + 10)
  let cdSize = buf.readUInt32LE(eocd + 12)
  let cdOffset = buf.readUInt32LE(eocd + 16)
  let cdEnd = eocd

  if (total === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX || disk === U16_MAX || cdDisk === U16_MAX) {
    const zip64 = readZip64End(buf, eocd)
    if (typeof zip64 === 'string') return fail(zip64)
    ;({ total, cdSize, cdOffset, cdEnd } = zip64)
  } else if (disk !== 0 || cdDisk !== 0) {
    return fail('it is one part of an archive split across several files', total)
  }
  // Self-extractors and some mailers put bytes before the archive; offsets are then relative to
  // where the archive starts. The directory ends where the end record begins, which gives the shift.
  let prefix = 0
  if (!hasSignature(buf, cdOffset, CENTRAL)) {
    const expected = cdEnd - cdSize
    if (hasSignature(buf, expected, CENTRAL)) prefix = expected - cdOffset
    else if (total === 0) return { entries: [], claimedEntries: 0, damage: null, more: false }
    else return fail('its table of contents is missing', total)
  }

  // Entries are read while headers follow each other, not just up to the claimed count: some
  // readers (Python, 7-Zip) go by the directory size, so a low count must not hide entries.
  const entries: ZipEntry[] = []
  let pos = cdOffset + prefix
  let damage: string | null = null
  while (entries.length < maxEntries && hasSignature(buf, pos, CENTRAL) && pos < cdEnd) {
    const entry = readCentralEntry(buf, pos, cdEnd, prefix)
    if (typeof entry === 'string') {
      damage = entry
      break
    }
    entries.push(entry.entry)
    pos = entry.next
  }
  const more = entries.length >= maxEntries && hasSignature(buf, pos, CENTRAL)
  if (!damage && !more && entries.length < total) damage = 'its table of contents is cut short'
  if (!damage && entries.length > total) damage = 'it holds more files than its table of contents says'
  return { entries, claimedEntries: total, damage, more }
}

/** APPNOTE 4.3.16: the end record is the last thing in the file, followed by a comment of up to 64 KiB. */
function findEndRecord(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - EOCD_SIZE - U16_MAX)
  for (let i = buf.length - EOCD_SIZE; i >= lowest; i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === EOCD && i + EOCD_SIZE + buf.readUInt16LE(i + 20) <= buf.length) {
      return i
    }
  }
  return -1
}

interface Zip64End {
  total: number
  cdSize: number
  cdOffset: number
  cdEnd: number
}

/** APPNOTE 4.3.14-4.3.15: ZIP64 end record, found through the locator just before the end record. */
function readZip64End(buf: Buffer, eocd: number): Zip64End | string {
  const locator = eocd - 20
  if (locator < 0 || !hasSignature(buf, locator, ZIP64_LOCATOR)) return 'its large-archive (ZIP64) record is missing'
  if (buf.readUInt32LE(locator + 16) > 1) return 'it is one part of an archive split across several files'
  const offset = safeNumber(buf.readBigUInt64LE(locator + 8))
  // The record normally sits right before the locator; a prefix shifts it, so try both places.
  const at = offset !== null && hasSignature(buf, offset, ZIP64_EOCD) ? offset : findZip64Before(buf, locator)
  if (at < 0 || at + 56 > buf.length) return 'its large-archive (ZIP64) record is missing'
  const total = safeNumber(buf.readBigUInt64LE(at + 32))
  const cdSize = safeNumber(buf.readBigUInt64LE(at + 40))
  const cdOffset = safeNumber(buf.readBigUInt64LE(at + 48))
  if (total === null || cdSize === null || cdOffset === null) return 'its large-archive (ZIP64) sizes are impossible'
  return { total, cdSize, cdOffset, cdEnd: at }
}

function findZip64Before(buf: Buffer, locator: number): number {
  const at = locator - 56
  return at >= 0 && hasSignature(buf, at, ZIP64_EOCD) ? at : -1
}

/** APPNOTE 4.3.12 central directory file header, then name, extra field and comment. */
function readCentralEntry(
  buf: Buffer,
  pos: number,
  end: number,
  prefix: number,
): { entry: ZipEntry; next: number } | string {
  if (pos + CENTRAL_SIZE > end || !hasSignature(buf, pos, CENTRAL)) return 'its table of contents is damaged'
  const flags = buf.readUInt16LE(pos + 8)
  const method = buf.readUInt16LE(pos + 10)
  let compressedSize = buf.readUInt32LE(pos + 20)
  let uncompressedSize = buf.readUInt32LE(pos + 24)
  const nameLength = buf.readUInt16LE(pos + 28)
  const extraLength = buf.readUInt16LE(pos + 30)
  const commentLength = buf.readUInt16LE(pos + 32)
  let localOffset = buf.readUInt32LE(pos + 42)
  const nameStart = pos + CENTRAL_SIZE
  const extraStart = nameStart + nameLength
  const next = extraStart + extraLength + commentLength
  if (next > end) return 'its table of contents runs past its end'

  let name = decodeName(buf.subarray(nameStart, extraStart), (flags & 0x0800) !== 0)
  for (let at = extraStart; at + 4 <= extraStart + extraLength;) {
    const id = buf.readUInt16LE(at)
    const size = buf.readUInt16LE(at + 2)
    const data = buf.subarray(at + 4, Math.min(at + 4 + size, extraStart + extraLength))
    if (id === 0x0001) {
      // APPNOTE 4.5.3: ZIP64 values appear, in this order, only for fields set to 0xFFFFFFFF.
      let field = 0
      const take = (): number | null => {
        const value = field + 8 <= data.length ? safeNumber(data.readBigUInt64LE(field)) : null
        field += 8
        return value
      }
      if (uncompressedSize === U32_MAX) uncompressedSize = take() ?? -1
      if (compressedSize === U32_MAX) compressedSize = take() ?? -1
      if (localOffset === U32_MAX) localOffset = take() ?? -1
      if (uncompressedSize < 0 || compressedSize < 0 || localOffset < 0) return 'an entry has impossible ZIP64 sizes'
    } else if (id === 0x7075 && data.length > 5 && data[0] === 1) {
      // APPNOTE 4.6.9 Info-ZIP Unicode Path: the UTF-8 name that tools display.
      name = utf8.decode(data.subarray(5))
    }
    at += 4 + size
  }

  return {
    entry: {
      name,
      flags,
      method,
      compressedSize,
      uncompressedSize,
      localOffset: localOffset + prefix,
      encrypted: (flags & 0x0001) !== 0,
      isDirectory: name.endsWith('/') || name.endsWith('\\'),
    },
    next,
  }
}

/**
 * APPNOTE Appendix D: names are UTF-8 when bit 11 is set, else IBM 437. Many tools write UTF-8
 * without the bit, so valid UTF-8 is read as such; anything else falls back to Latin-1, which keeps
 * ASCII extensions intact (the part that matters here).
 */
function decodeName(bytes: Buffer, isUtf8: boolean): string {
  if (isUtf8) return utf8.decode(bytes)
  let ascii = true
  for (const b of bytes) if (b >= 0x80) ascii = false
  if (ascii) return bytes.toString('latin1')
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return bytes.toString('latin1')
  }
}

function hasSignature(buf: Buffer, at: number, signature: number): boolean {
  return at >= 0 && at + 4 <= buf.length && buf.readUInt32LE(at) === signature
}

function safeNumber(value: bigint): number | null {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null
}
