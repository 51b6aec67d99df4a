/** Test helper: ISO 9660, UDF and FAT disk images holding given files, laid out as their specifications say. */
import { isoImage } from '../../attachments/testing/samples.ts'

export interface ImageFile {
  name: string
  data: Buffer
}

const SECTOR = 2048

/** ECMA-119 9.1 directory record: extent and size both-endian, then the file identifier. */
function isoRecord(name: string, extent: number, size: number, directory: boolean): Buffer {
  const id = Buffer.from(name, 'latin1')
  const length = 33 + id.length + (id.length % 2 === 0 ? 1 : 0)
  const r = Buffer.alloc(length)
  r[0] = length
  r.writeUInt32LE(extent, 2)
  r.writeUInt32BE(extent, 6)
  r.writeUInt32LE(size, 10)
  r.writeUInt32BE(size, 14)
  r[25] = directory ? 2 : 0
  r.writeUInt16LE(1, 28)
  r.writeUInt16BE(1, 30)
  r[32] = id.length
  id.copy(r, 33)
  return r
}

/**
 * The primary volume descriptor and terminator of `isoImage()` (sectors 16-17), the root directory
 * at sector 18, each file in the sectors after it; names get the `;1` version ECMA-119 requires.
 */
export function isoWith(files: ImageFile[]): Buffer {
  const head = isoImage()
  const root = Buffer.alloc(SECTOR)
  let at = 0
  let sector = 19
  const data: Buffer[] = []
  for (const file of files) {
    const record = isoRecord(`${file.name.toUpperCase()};1`, sector, file.data.length, false)
    record.copy(root, at)
    at += record.length
    const sectors = Math.max(1, Math.ceil(file.data.length / SECTOR))
    const padded = Buffer.alloc(sectors * SECTOR)
    file.data.copy(padded)
    data.push(padded)
    sector += sectors
  }
  // The root directory's own record sits at offset 156 of the primary volume descriptor.
  isoRecord('\0', 18, SECTOR, true).copy(head, 0x8000 + 156)
  return Buffer.concat([head, root, ...data])
}

/** ECMA-167 2/9.1: the volume recognition sequence BEA01, NSR02, TEA01 from sector 16, then the files' bytes. */
export function udfWith(files: ImageFile[]): Buffer {
  const vrs = Buffer.alloc(16 * SECTOR + 3 * SECTOR)
  ;['BEA01', 'NSR02', 'TEA01'].forEach((id, i) => {
    vrs.write(id, 16 * SECTOR + i * SECTOR + 1, 'latin1')
    vrs[16 * SECTOR + i * SECTOR + 6] = 1
  })
  const data = files.map((f) => {
    const padded = Buffer.alloc(Math.max(1, Math.ceil(f.data.length / SECTOR)) * SECTOR)
    f.data.copy(padded)
    return padded
  })
  return Buffer.concat([vrs, ...data])
}

/**
 * A 1.44 MB-style FAT12 volume cut to 64 KiB: boot sector with its BPB and 0x55AA signature, root
 * directory entries in 8.3 form ("INVOICE LNK"), each file in its own cluster.
 */
export function fatImageWith(files: ImageFile[]): Buffer {
  const b = Buffer.alloc(64 * 1024)
  Buffer.from('eb3c90', 'hex').copy(b)
  b.write('MSDOS5.0', 3, 'latin1')
  b.writeUInt16LE(512, 0x0b)
  b[0x0d] = 1
  b.writeUInt16LE(1, 0x0e)
  b[0x10] = 2
  b.writeUInt16LE(224, 0x11)
  b.writeUInt16LE(2880, 0x13)
  b[0x15] = 0xf0
  b.writeUInt16LE(9, 0x16)
  b[0x26] = 0x29
  b.write('NO NAME    FAT12   ', 0x2b, 'latin1')
  b.writeUInt16LE(0xaa55, 510)
  const rootAt = (1 + 2 * 9) * 512
  const dataAt = rootAt + 224 * 32
  files.forEach((file, i) => {
    const [base = '', ext = ''] = file.name.toUpperCase().split('.')
    const entry = rootAt + i * 32
    b.write(base.padEnd(8, ' ').slice(0, 8) + ext.padEnd(3, ' ').slice(0, 3), entry, 'latin1')
    b[entry + 11] = 0x20
    b.writeUInt16LE(2 + i, entry + 26)
    b.writeUInt32LE(file.data.length, entry + 28)
    file.data.copy(b, dataAt + i * 512, 0, 512)
  })
  return b
}
