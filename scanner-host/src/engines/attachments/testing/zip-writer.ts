/** Test helper: writes zip archives (APPNOTE 4.3), with knobs to forge the fields bombs forge. */
import { deflateRawSync } from 'node:zlib'
import { crc32 } from './crc32.ts'

export interface ZipSpec {
  name: string
  data: Buffer | string
  /** Defaults to deflate. */
  method?: 'store' | 'deflate'
  /** Sets flag bit 0 (the data itself is left as is). */
  encrypted?: boolean
  /** Sizes written in the headers instead of the real ones. */
  claimUncompressed?: number
  claimCompressed?: number
}

export interface LocalFields {
  name: string
  method: number
  flags: number
  crc: number
  compressedSize: number
  uncompressedSize: number
}

/** APPNOTE 4.3.7 local file header. */
export function localHeader(f: LocalFields): Buffer {
  const name = Buffer.from(f.name, 'utf8')
  const h = Buffer.alloc(30)
  h.writeUInt32LE(0x04034b50, 0)
  h.writeUInt16LE(20, 4)
  h.writeUInt16LE(f.flags | 0x0800, 6)
  h.writeUInt16LE(f.method, 8)
  h.writeUInt32LE(f.crc, 14)
  h.writeUInt32LE(f.compressedSize, 18)
  h.writeUInt32LE(f.uncompressedSize, 22)
  h.writeUInt16LE(name.length, 26)
  return Buffer.concat([h, name])
}

/** APPNOTE 4.3.12 central directory header, optionally with an extra field. */
export function centralHeader(f: LocalFields & { localOffset: number; extra?: Buffer }): Buffer {
  const name = Buffer.from(f.name, 'utf8')
  const extra = f.extra ?? Buffer.alloc(0)
  const h = Buffer.alloc(46)
  h.writeUInt32LE(0x02014b50, 0)
  h.writeUInt16LE(20, 4)
  h.writeUInt16LE(20, 6)
  h.writeUInt16LE(f.flags | 0x0800, 8)
  h.writeUInt16LE(f.method, 10)
  h.writeUInt32LE(f.crc, 16)
  h.writeUInt32LE(f.compressedSize, 20)
  h.writeUInt32LE(f.uncompressedSize, 24)
  h.writeUInt16LE(name.length, 28)
  h.writeUInt16LE(extra.length, 30)
  h.writeUInt32LE(f.localOffset, 42)
  return Buffer.concat([h, name, extra])
}

/** APPNOTE 4.3.16 end of central directory record. */
export function endRecord(entries: number, cdSize: number, cdOffset: number): Buffer {
  const h = Buffer.alloc(22)
  h.writeUInt32LE(0x06054b50, 0)
  h.writeUInt16LE(entries, 8)
  h.writeUInt16LE(entries, 10)
  h.writeUInt32LE(cdSize, 12)
  h.writeUInt32LE(cdOffset, 16)
  return h
}

/** A zip archive holding `entries`, names flagged UTF-8 (bit 11). */
export function buildZip(entries: ZipSpec[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const spec of entries) {
    const raw = typeof spec.data === 'string' ? Buffer.from(spec.data) : spec.data
    const stored = spec.method === 'store'
    const body = stored ? raw : deflateRawSync(raw)
    const fields: LocalFields = {
      name: spec.name,
      method: stored ? 0 : 8,
      flags: spec.encrypted ? 1 : 0,
      crc: crc32(raw),
      compressedSize: spec.claimCompressed ?? body.length,
      uncompressedSize: spec.claimUncompressed ?? raw.length,
    }
    const local = Buffer.concat([localHeader(fields), body])
    centrals.push(centralHeader({ ...fields, localOffset: offset }))
    locals.push(local)
    offset += local.length
  }
  const cd = Buffer.concat(centrals)
  return Buffer.concat([...locals, cd, endRecord(entries.length, cd.length, offset)])
}

/** `depth` zips each holding the next, the innermost holding `payload`: a.zip > level1.zip > ... */
export function nestedZip(depth: number, payload: ZipSpec): Buffer {
  let zip = buildZip([payload])
  for (let level = depth - 1; level >= 1; level--) zip = buildZip([{ name: `level${level}.zip`, data: zip }])
  return zip
}

/**
 * One deflated local entry that every one of `names` points at from the central directory: the
 * shape of the simplest non-recursive bomb, whose size is its directory, not its data.
 */
export function sharedDataZip(names: string[], data: Buffer): Buffer {
  const body = deflateRawSync(data)
  const fields: LocalFields = {
    name: names[0] ?? 'data',
    method: 8,
    flags: 0,
    crc: crc32(data),
    compressedSize: body.length,
    uncompressedSize: data.length,
  }
  const local = Buffer.concat([localHeader(fields), body])
  const cd = Buffer.concat(names.map((name) => centralHeader({ ...fields, name, localOffset: 0 })))
  return Buffer.concat([local, cd, endRecord(names.length, cd.length, local.length)])
}
