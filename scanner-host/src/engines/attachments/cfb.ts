/** Compound File (OLE2) reader, just enough to list directory entry names: VBA macros, encryption. */

/** MS-CFB s2.1 special sector numbers: anything above MAXREGSECT ends or frees a chain. */
const MAXREGSECT = 0xfffffffa
/** Directory entries read at most; real documents have tens, and each costs 128 bytes. */
const MAX_DIRECTORY_ENTRIES = 16_384
const SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex')
/** MS-CFB s2.2: the header holds the first 109 FAT sector numbers (the DIFAT head). */
const HEADER_DIFAT_ENTRIES = 109

export interface CfbFindings {
  /** Name of the directory entry that proves a VBA project, e.g. `_VBA_PROJECT`. */
  vbaEntry: string | null
  /** True for an 'EncryptedPackage' stream: a password-protected OOXML document (MS-OFFCRYPTO s2.3.4). */
  encrypted: boolean
}

/**
 * Names of storages and streams that hold a VBA project (MS-OVBA s2.2.1): Word keeps `Macros/VBA`,
 * Excel `_VBA_PROJECT_CUR/VBA`, both with a `_VBA_PROJECT` stream. Names compare case-insensitively
 * (MS-CFB s2.6.4). PowerPoint 97-2003 keeps VBA inside its document stream and is not seen here.
 */
const VBA_STORAGES = new Set(['macros', 'vba', '_vba_project_cur'])
const VBA_STREAM = '_vba_project'

/**
 * Reads the header, follows the directory's sector chain through the FAT and decodes entry names
 * (UTF-16LE, MS-CFB s2.6.1). Returns null when the bytes are not a readable compound file. Work is
 * bounded by the file size and MAX_DIRECTORY_ENTRIES; loops in the chain end the walk.
 */
export function inspectCfb(bytes: Buffer): CfbFindings | null {
  if (bytes.length < 512 || bytes.compare(SIGNATURE, 0, 8, 0, 8) !== 0) return null
  // MS-CFB s2.2: byte order 0xFFFE; sector shift 9 (version 3) or 12 (version 4).
  if (bytes.readUInt16LE(0x1c) !== 0xfffe) return null
  const shift = bytes.readUInt16LE(0x1e)
  if (shift !== 9 && shift !== 12) return null
  const sectorSize = 1 << shift
  const fat = new FatReader(bytes, sectorSize)

  const result: CfbFindings = { vbaEntry: null, encrypted: false }
  const maxSectors = Math.ceil(bytes.length / sectorSize)
  let sector = bytes.readUInt32LE(0x30)
  let entries = 0
  for (let walked = 0; sector <= MAXREGSECT && walked < maxSectors; walked++) {
    const start = (sector + 1) * sectorSize
    if (start + sectorSize > bytes.length) break
    for (let at = start; at < start + sectorSize && entries < MAX_DIRECTORY_ENTRIES; at += 128, entries++) {
      noteEntry(bytes, at, result)
    }
    if (entries >= MAX_DIRECTORY_ENTRIES) break
    const next = fat.next(sector)
    if (next === null) break
    sector = next
  }
  return result
}

/** MS-CFB s2.6.1: name (64 bytes UTF-16LE), name length in bytes incl. the terminator, object type. */
function noteEntry(bytes: Buffer, at: number, into: CfbFindings): void {
  const nameBytes = bytes.readUInt16LE(at + 0x40)
  const type = bytes[at + 0x42]
  if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0 || (type !== 1 && type !== 2)) return
  const name = bytes.toString('utf16le', at, at + nameBytes - 2)
  const lower = name.toLowerCase()
  if (type === 1 && VBA_STORAGES.has(lower)) into.vbaEntry ??= name
  else if (type === 2 && lower === VBA_STREAM) into.vbaEntry ??= name
  else if (type === 2 && name === 'EncryptedPackage') into.encrypted = true
}

/** Looks up FAT entries: FAT sector numbers come from the header DIFAT, then the DIFAT chain. */
class FatReader {
  private readonly perSector: number
  private readonly bytes: Buffer
  private readonly sectorSize: number

  constructor(bytes: Buffer, sectorSize: number) {
    this.bytes = bytes
    this.sectorSize = sectorSize
    this.perSector = sectorSize / 4
  }

  /** The sector after `sector` in its chain, or null at the end or on damage. */
  next(sector: number): number | null {
    const fatSector = this.fatSector(Math.floor(sector / this.perSector))
    if (fatSector === null) return null
    const at = (fatSector + 1) * this.sectorSize + (sector % this.perSector) * 4
    if (at + 4 > this.bytes.length) return null
    const next = this.bytes.readUInt32LE(at)
    return next <= MAXREGSECT ? next : null
  }

  /** Location of the index-th FAT sector (MS-CFB s2.5: DIFAT sectors hold n-1 entries and a next pointer). */
  private fatSector(index: number): number | null {
    if (index < HEADER_DIFAT_ENTRIES) return this.checked(this.bytes.readUInt32LE(0x4c + index * 4))
    let rest = index - HEADER_DIFAT_ENTRIES
    let difat = this.checked(this.bytes.readUInt32LE(0x44))
    const perDifat = this.perSector - 1
    // The count is untrusted: a DIFAT chain pointing at itself must not spin 2^32 times.
    const difatSectors = Math.min(this.bytes.readUInt32LE(0x48), Math.ceil(this.bytes.length / this.sectorSize))
    for (let hop = 0; difat !== null && hop < difatSectors; hop++) {
      const base = (difat + 1) * this.sectorSize
      if (base + this.sectorSize > this.bytes.length) return null
      if (rest < perDifat) return this.checked(this.bytes.readUInt32LE(base + rest * 4))
      rest -= perDifat
      difat = this.checked(this.bytes.readUInt32LE(base + perDifat * 4))
    }
    return null
  }

  private checked(sector: number): number | null {
    return sector <= MAXREGSECT && (sector + 1) * this.sectorSize < this.bytes.length ? sector : null
  }
}
