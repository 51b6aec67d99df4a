/** Test helper: the first bytes of real file formats, built from their specifications. */
import { buildZip } from './zip-writer.ts'

/** PE/COFF spec s2-3: DOS header with e_lfanew at 0x3C, 'PE\0\0', COFF header. */
export function peProgram(options: { dll?: boolean } = {}): Buffer {
  const b = Buffer.alloc(1024)
  b.write('MZ', 0, 'latin1')
  b.writeUInt16LE(0x90, 2)
  b.writeUInt16LE(3, 4)
  b.writeUInt16LE(4, 8)
  b.writeUInt32LE(0x80, 0x3c)
  b.write('This program cannot be run in DOS mode.\r\r\n$', 0x4e, 'latin1')
  b.write('PE\0\0', 0x80, 'latin1')
  b.writeUInt16LE(0x8664, 0x84)
  b.writeUInt16LE(options.dll ? 0x2022 : 0x0022, 0x80 + 22)
  return b
}

export function elfProgram(): Buffer {
  const b = Buffer.alloc(64)
  Buffer.from('7f454c46020101', 'hex').copy(b)
  b.writeUInt16LE(2, 16) // ET_EXEC
  return b
}

/** MS-SHLLINK s2.1 ShellLinkHeader: size 0x4C, LinkCLSID, then flags and times. */
export function lnkShortcut(): Buffer {
  const b = Buffer.alloc(0x4c + 64)
  Buffer.from('4c0000000114020000000000c000000000000046', 'hex').copy(b)
  b.writeUInt32LE(0x0000009b, 0x14)
  return b
}

/** ECMA-119: 16 system sectors of 2048 bytes, then the primary volume descriptor (type 1, 'CD001'). */
export function isoImage(): Buffer {
  const b = Buffer.alloc(0x8000 + 2048 * 2)
  b[0x8000] = 1
  b.write('CD001', 0x8001, 'latin1')
  b[0x8006] = 1
  b[0x8800] = 255
  b.write('CD001', 0x8801, 'latin1')
  return b
}

/** MS-ONESTORE s2.3.1: a .one file starts with guidFileType {7B5C52E4-D88C-4DA7-AEB1-5378D02996D3}. */
export function oneNoteSection(): Buffer {
  const b = Buffer.alloc(1024)
  Buffer.from('e4525c7b8cd8a74daeb15378d02996d3', 'hex').copy(b)
  return b
}

export function pdfDocument(): Buffer {
  return Buffer.from(
    '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  )
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/></Types>'

/** A minimal Word package (ECMA-376 part 2): content types, relationships, the document. */
export function docx(extra: { name: string; data: Buffer | string }[] = []): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships/>' },
    { name: 'word/document.xml', data: '<?xml version="1.0"?><w:document><w:body><w:p/></w:body></w:document>' },
    ...extra,
  ])
}

/** A Word package with a VBA project part, as Word saves a .docm. */
export function docm(): Buffer {
  return docx([{ name: 'word/vbaProject.bin', data: Buffer.from('d0cf11e0a1b11ae1', 'hex') }])
}

/** Incompressible bytes (xorshift32), so that archives of them stay as large as their contents. */
export function noise(length: number): Buffer {
  const out = Buffer.alloc(length)
  let x = 2463534242
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}
