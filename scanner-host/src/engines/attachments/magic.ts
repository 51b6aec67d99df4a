/** Content sniffing: what a file really is, from its first (and for some formats last) bytes. */
import type { Category } from './categories.ts'
import { sniffMarkup } from './html.ts'

/** Broad families, used to compare what a file is with what its name or label claims. */
export type Family =
  'executable' | 'shortcut' | 'onenote' | 'disk-image' | 'zip' | 'archive' | 'cfb' | 'pdf' | 'image' | 'rtf' | 'html'

export type MagicKind =
  | 'pe'
  | 'mz'
  | 'elf'
  | 'macho'
  | 'java-class'
  | 'lnk'
  | 'onenote'
  | 'iso'
  | 'udf'
  | 'vhd'
  | 'vhdx'
  | 'dmg'
  | 'zip'
  | 'rar'
  | '7z'
  | 'gzip'
  | 'bzip2'
  | 'xz'
  | 'cab'
  | 'tar'
  | 'cfb'
  | 'pdf'
  | 'rtf'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'tiff'
  | 'webp'
  | 'html'
  | 'svg'

export interface Sniffed {
  kind: MagicKind
  /** For people, with its article: "a Windows program". */
  label: string
  family: Family
  /** The risky category the content alone proves, if any (HTML and SVG are judged by the caller). */
  category: Category | null
}

const FAMILY_CATEGORY: Partial<Record<Family, Category>> = {
  executable: 'executable',
  shortcut: 'shortcut',
  onenote: 'onenote',
  'disk-image': 'disk-image',
}

function found(kind: MagicKind, label: string, family: Family): Sniffed {
  return { kind, label, family, category: FAMILY_CATEGORY[family] ?? null }
}

/** Signatures at offset 0: [bytes, kind, label, family]. */
const AT_START: readonly [Buffer, MagicKind, string, Family][] = [
  [Buffer.from('7f454c46', 'hex'), 'elf', 'a Linux program', 'executable'],
  // MS-SHLLINK s2.1: HeaderSize 0x4C, then LinkCLSID 00021401-0000-0000-C000-000000000046.
  [Buffer.from('4c0000000114020000000000c000000000000046', 'hex'), 'lnk', 'a Windows shortcut', 'shortcut'],
  // MS-ONESTORE s2.3.1: guidFileType of .one and of .onetoc2 files.
  [Buffer.from('e4525c7b8cd8a74daeb15378d02996d3', 'hex'), 'onenote', 'a OneNote section', 'onenote'],
  [Buffer.from('a12fff43d9ef764c9ee210ea5722765f', 'hex'), 'onenote', 'a OneNote table of contents', 'onenote'],
  // MS-VHDX s2.2.1 file type identifier; VHD dynamic disks repeat their 'conectix' footer at 0.
  [Buffer.from('vhdxfile'), 'vhdx', 'a Hyper-V disk image', 'disk-image'],
  [Buffer.from('conectix'), 'vhd', 'a virtual disk image', 'disk-image'],
  // APPNOTE 4.3.7 local file header, 4.3.16 end record (empty archive), 8.5.3 spanning marker.
  [Buffer.from('504b0304', 'hex'), 'zip', 'a zip archive', 'zip'],
  [Buffer.from('504b0506', 'hex'), 'zip', 'a zip archive', 'zip'],
  [Buffer.from('504b0708504b0304', 'hex'), 'zip', 'a zip archive', 'zip'],
  [Buffer.from('526172211a0700', 'hex'), 'rar', 'a RAR archive', 'archive'],
  [Buffer.from('526172211a070100', 'hex'), 'rar', 'a RAR archive', 'archive'],
  [Buffer.from('377abcaf271c', 'hex'), '7z', 'a 7-Zip archive', 'archive'],
  [Buffer.from('1f8b08', 'hex'), 'gzip', 'a gzip archive', 'archive'],
  [Buffer.from('fd377a585a00', 'hex'), 'xz', 'an xz archive', 'archive'],
  [Buffer.from('4d53434600000000', 'hex'), 'cab', 'a Windows cabinet archive', 'archive'],
  // MS-CFB s2.2 header signature: legacy Office documents, MSI packages, Outlook .msg.
  [Buffer.from('d0cf11e0a1b11ae1', 'hex'), 'cfb', 'an OLE2 compound document', 'cfb'],
  [Buffer.from('{\\rtf'), 'rtf', 'a Rich Text document', 'rtf'],
  [Buffer.from('89504e470d0a1a0a', 'hex'), 'png', 'a PNG picture', 'image'],
  [Buffer.from('ffd8ff', 'hex'), 'jpeg', 'a JPEG picture', 'image'],
  [Buffer.from('GIF87a'), 'gif', 'a GIF picture', 'image'],
  [Buffer.from('GIF89a'), 'gif', 'a GIF picture', 'image'],
  [Buffer.from('49492a00', 'hex'), 'tiff', 'a TIFF picture', 'image'],
  [Buffer.from('4d4d002a', 'hex'), 'tiff', 'a TIFF picture', 'image'],
]

/** AT_START grouped by first byte, so a file costs one lookup instead of a pass over the table. */
const BY_FIRST_BYTE = new Map<number, (typeof AT_START)[number][]>()
for (const row of AT_START) BY_FIRST_BYTE.set(row[0][0]!, [...(BY_FIRST_BYTE.get(row[0][0]!) ?? []), row])

const MACHO = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe])
const PDF = Buffer.from('%PDF-')

/**
 * Identifies `bytes` (a whole file when `complete`, else its head). Returns null for anything not
 * in the table: plain text, unknown binaries. Reads at most a few fixed offsets, never the whole buffer.
 */
export function sniff(bytes: Buffer, complete: boolean): Sniffed | null {
  if (bytes.length >= 2 && bytes[0] === 0x4d && bytes[1] === 0x5a) {
    const mz = sniffMz(bytes)
    if (mz) return mz
  }
  for (const [magic, kind, label, family] of BY_FIRST_BYTE.get(bytes[0] ?? -1) ?? []) {
    if (bytes.length >= magic.length && bytes.compare(magic, 0, magic.length, 0, magic.length) === 0) {
      return found(kind, label, family)
    }
  }
  if (bytes.length >= 8) {
    const word = bytes.readUInt32BE(0)
    if (MACHO.has(word)) return found('macho', 'a macOS program', 'executable')
    // 0xCAFEBABE starts both Mach-O universal binaries (then a small architecture count) and Java
    // class files (then minor/major version, major >= 45): the next word tells them apart.
    if (word === 0xcafebabe) {
      return bytes.readUInt32BE(4) < 20
        ? found('macho', 'a macOS program', 'executable')
        : found('java-class', 'a Java program', 'executable')
    }
    if (bytes.toString('latin1', 0, 3) === 'BZh' && bytes[3]! >= 0x31 && bytes[3]! <= 0x39) {
      return found('bzip2', 'a bzip2 archive', 'archive')
    }
  }
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return found('webp', 'a WebP picture', 'image')
  }
  // POSIX.1-1988 ustar header: magic "ustar" at offset 257 of the first 512-byte block.
  if (bytes.length >= 262 && bytes.toString('latin1', 257, 262) === 'ustar')
    return found('tar', 'a tar archive', 'archive')
  const image = sniffDiskImage(bytes, complete)
  if (image) return image
  // PDF 32000-1 s7.5.2 puts the header first, but readers accept it anywhere in the first 1024 bytes.
  if (bytes.subarray(0, 1024).indexOf(PDF) >= 0) return found('pdf', 'a PDF document', 'pdf')
  const markup = sniffMarkup(bytes)
  if (markup === 'html') return found('html', 'a web page', 'html')
  if (markup === 'svg') return found('svg', 'an SVG image', 'html')
  return null
}

/**
 * 'MZ' starts DOS and Windows programs. The PE signature at e_lfanew (offset 0x3C) proves a Windows
 * image (PE/COFF spec s3); without it, the binary DOS header fields still tell a program from text
 * that happens to begin with "MZ".
 */
function sniffMz(bytes: Buffer): Sniffed | null {
  if (bytes.length < 64) return null
  const lfanew = bytes.readUInt32LE(0x3c)
  if (lfanew + 24 <= bytes.length && bytes.readUInt32LE(lfanew) === 0x00004550) {
    // COFF Characteristics (PE/COFF s3.3.2): IMAGE_FILE_DLL = 0x2000.
    const dll = (bytes.readUInt16LE(lfanew + 22) & 0x2000) !== 0
    return found('pe', dll ? 'a Windows library' : 'a Windows program', 'executable')
  }
  for (let i = 2; i < 64; i++) {
    const b = bytes[i]!
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return found('mz', 'a DOS or Windows program', 'executable')
  }
  return null
}

/**
 * ECMA-119 s8.1 (ISO 9660) and ECMA-167 s2/9.1 (UDF): volume descriptors start at sector 16 of
 * 2048-byte sectors with an identifier at byte 1, so at 0x8001, 0x8801, 0x9001. Apple UDIF (.dmg)
 * and fixed VHD put their signature in a 512-byte trailer, readable only in a complete file.
 */
function sniffDiskImage(bytes: Buffer, complete: boolean): Sniffed | null {
  for (const offset of [0x8001, 0x8801, 0x9001]) {
    if (bytes.length < offset + 5) break
    const id = bytes.toString('latin1', offset, offset + 5)
    if (id === 'CD001') return found('iso', 'an ISO disk image', 'disk-image')
    if (id === 'BEA01' || id === 'NSR02' || id === 'NSR03') return found('udf', 'a UDF disk image', 'disk-image')
  }
  if (complete && bytes.length >= 1024) {
    const trailer = bytes.length - 512
    if (bytes.toString('latin1', trailer, trailer + 4) === 'koly')
      return found('dmg', 'a macOS disk image', 'disk-image')
    if (bytes.toString('latin1', trailer, trailer + 8) === 'conectix') {
      return found('vhd', 'a virtual disk image', 'disk-image')
    }
  }
  return null
}
