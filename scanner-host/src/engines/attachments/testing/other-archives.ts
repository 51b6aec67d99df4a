/** Test helper: tar, gzip, RAR and 7-Zip archives, built from their format descriptions. */
import { deflateRawSync } from 'node:zlib'
import { crc32 } from './crc32.ts'

/** POSIX ustar: a 512-byte header per file (octal fields, checksum), data padded to 512. */
export function tarOf(files: { name: string; data: Buffer | string }[]): Buffer {
  const blocks: Buffer[] = []
  for (const file of files) {
    const data = typeof file.data === 'string' ? Buffer.from(file.data) : file.data
    const h = Buffer.alloc(512)
    h.write(file.name, 0, 100, 'utf8')
    h.write('0000644\0', 100, 'latin1')
    h.write(data.length.toString(8).padStart(11, '0') + '\0', 124, 'latin1')
    h.write('00000000000\0', 136, 'latin1')
    h.write('0', 156, 'latin1')
    h.write('ustar\x0000', 257, 'latin1')
    h.fill(0x20, 148, 156)
    const sum = h.reduce((a, b) => a + b, 0)
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1')
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512))
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)])
}

/** RFC 1952 member with the FNAME field set. */
export function gzipNamed(name: string, data: Buffer): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3])
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc32(data), 0)
  trailer.writeUInt32LE(data.length % 2 ** 32, 4)
  return Buffer.concat([header, Buffer.from(`${name}\0`, 'latin1'), deflateRawSync(data), trailer])
}

/** RAR 4.x: marker, main header (MHD_PASSWORD when `headersEncrypted`), one file header, end block. */
export function rar4(name: string, options: { fileEncrypted?: boolean; headersEncrypted?: boolean } = {}): Buffer {
  const marker = Buffer.from('526172211a0700', 'hex')
  const main = Buffer.alloc(13)
  main[2] = 0x73
  main.writeUInt16LE(options.headersEncrypted ? 0x0080 : 0, 3)
  main.writeUInt16LE(13, 5)
  const nameBytes = Buffer.from(name, 'latin1')
  const packed = Buffer.from('packed data')
  const file = Buffer.alloc(32)
  file[2] = 0x74
  file.writeUInt16LE(0x8000 | (options.fileEncrypted ? 0x0004 : 0), 3)
  file.writeUInt16LE(32 + nameBytes.length, 5)
  file.writeUInt32LE(packed.length, 7)
  file.writeUInt32LE(4096, 11)
  file[24] = 29
  file[25] = 0x33
  file.writeUInt16LE(nameBytes.length, 26)
  const end = Buffer.from([0, 0, 0x7b, 0x00, 0x40, 7, 0])
  return Buffer.concat([marker, main, file, nameBytes, packed, end])
}

function vint(value: number): Buffer {
  const out: number[] = []
  do {
    out.push((value & 0x7f) | (value >= 0x80 ? 0x80 : 0))
    value = Math.floor(value / 128)
  } while (value > 0)
  return Buffer.from(out)
}

function rar5Block(body: Buffer): Buffer {
  return Buffer.concat([Buffer.alloc(4), vint(body.length), body])
}

/** RAR 5.0: signature, main header, then one file (with an encryption record) or an encryption header. */
export function rar5(name: string, options: { fileEncrypted?: boolean; headersEncrypted?: boolean } = {}): Buffer {
  const signature = Buffer.from('526172211a070100', 'hex')
  if (options.headersEncrypted) {
    const crypt = rar5Block(Buffer.concat([vint(4), vint(0), vint(0), vint(0), Buffer.alloc(17)]))
    return Buffer.concat([signature, crypt, Buffer.alloc(64, 0x5a)])
  }
  const main = rar5Block(Buffer.concat([vint(1), vint(0), vint(0)]))
  const data = Buffer.from('packed data')
  const extra = options.fileEncrypted ? Buffer.concat([vint(49), vint(1), Buffer.alloc(48)]) : Buffer.alloc(0)
  const flags = 0x0002 | (extra.length ? 0x0001 : 0)
  const nameBytes = Buffer.from(name, 'utf8')
  const fields = [vint(0), vint(4096), vint(0x20), vint(0), vint(0), vint(nameBytes.length), nameBytes]
  const head = [vint(2), vint(flags), ...(extra.length ? [vint(extra.length)] : []), vint(data.length)]
  const file = rar5Block(Buffer.concat([...head, ...fields, extra]))
  const end = rar5Block(Buffer.concat([vint(5), vint(0), vint(0)]))
  return Buffer.concat([signature, main, file, data, end])
}

/** 7zFormat.txt: signature header pointing at an encoded end header whose coder is 7zAES (06F10701) or LZMA. */
export function sevenZip(aes: boolean): Buffer {
  const packed = Buffer.alloc(48, 0x33)
  const coder = aes ? Buffer.from('0406f10701', 'hex') : Buffer.from('23030101', 'hex')
  const next = Buffer.concat([Buffer.from('17060001093000070b010001', 'hex'), coder, Buffer.from('0c3000', 'hex')])
  const start = Buffer.alloc(32)
  Buffer.from('377abcaf271c0004', 'hex').copy(start)
  start.writeBigUInt64LE(BigInt(packed.length), 12)
  start.writeBigUInt64LE(BigInt(next.length), 20)
  return Buffer.concat([start, packed, next])
}
