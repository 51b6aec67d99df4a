/** Test helper: a small version 3 Compound File (MS-CFB) with a chosen directory. */

const SECTOR = 512
const FREESECT = 0xffffffff
const ENDOFCHAIN = 0xfffffffe
const FATSECT = 0xfffffffd
const NOSTREAM = 0xffffffff

export interface CfbEntry {
  name: string
  /** MS-CFB s2.6.1 object type: 1 storage, 2 stream, 5 root storage. */
  type: 1 | 2 | 5
}

/**
 * Sector 0 is the FAT, sector 2 a stream's data (which may hold any bytes, e.g. text naming a VBA
 * project), sectors 1 and 3.. the directory, chained from the last back to sector 1. A reader must
 * follow the FAT to find the entries after the fourth.
 */
export function buildCfb(entries: CfbEntry[], streamData: Buffer = Buffer.alloc(0)): Buffer {
  const perSector = SECTOR / 128
  const dirSectorCount = Math.max(1, Math.ceil(entries.length / perSector))
  // Chain order runs backwards through the file, so reading sectors in file order goes wrong.
  const dirSectors = [1, ...Array.from({ length: dirSectorCount - 1 }, (_, i) => 3 + i)].reverse()
  const totalSectors = 3 + dirSectorCount - 1

  const header = Buffer.alloc(SECTOR)
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header)
  header.writeUInt16LE(0x003e, 0x18)
  header.writeUInt16LE(0x0003, 0x1a)
  header.writeUInt16LE(0xfffe, 0x1c)
  header.writeUInt16LE(9, 0x1e)
  header.writeUInt16LE(6, 0x20)
  header.writeUInt32LE(1, 0x2c) // one FAT sector
  header.writeUInt32LE(dirSectors[0]!, 0x30) // first directory sector
  header.writeUInt32LE(0x1000, 0x38)
  header.writeUInt32LE(ENDOFCHAIN, 0x3c)
  header.writeUInt32LE(ENDOFCHAIN, 0x44)
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREESECT, 0x4c + i * 4)

  const sectors = Array.from({ length: totalSectors }, () => Buffer.alloc(SECTOR))
  const fat = sectors[0]!
  fat.fill(0xff)
  fat.writeUInt32LE(FATSECT, 0)
  fat.writeUInt32LE(ENDOFCHAIN, 2 * 4)
  dirSectors.forEach((sector, i) => fat.writeUInt32LE(dirSectors[i + 1] ?? ENDOFCHAIN, sector * 4))
  streamData.copy(sectors[2]!, 0, 0, SECTOR)

  entries.forEach((entry, i) => {
    const sector = sectors[dirSectors[Math.floor(i / perSector)]!]!
    const at = (i % perSector) * 128
    const name = Buffer.from(`${entry.name}\0`, 'utf16le')
    name.copy(sector, at, 0, 64)
    sector.writeUInt16LE(Math.min(64, name.length), at + 0x40)
    sector[at + 0x42] = entry.type
    sector[at + 0x43] = 1 // black
    sector.writeUInt32LE(NOSTREAM, at + 0x44)
    sector.writeUInt32LE(NOSTREAM, at + 0x48)
    sector.writeUInt32LE(NOSTREAM, at + 0x4c)
    sector.writeUInt32LE(entry.type === 2 ? 2 : ENDOFCHAIN, at + 0x74)
    sector.writeUInt32LE(entry.type === 2 ? streamData.length : 0, at + 0x78)
  })
  return Buffer.concat([header, ...sectors])
}

/** The directory of a Word 97-2003 document: with `macros`, the storages and streams of a VBA project. */
export function wordDirectory(macros: boolean): CfbEntry[] {
  const base: CfbEntry[] = [
    { name: 'Root Entry', type: 5 },
    { name: 'WordDocument', type: 2 },
    { name: '1Table', type: 2 },
    { name: '\u0005SummaryInformation', type: 2 },
    { name: 'CompObj', type: 2 },
  ]
  return macros ? [...base, { name: '_VBA_PROJECT', type: 2 }, { name: 'dir', type: 2 }] : base
}
