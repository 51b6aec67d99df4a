import { describe, expect, it } from 'vitest'
import { sniff } from './magic.ts'
import { elfProgram, isoImage, lnkShortcut, oneNoteSection, pdfDocument, peProgram } from './testing/samples.ts'
import { buildZip } from './testing/zip-writer.ts'

const kindOf = (bytes: Buffer, complete = true) => sniff(bytes, complete)?.kind ?? null

describe('sniff', () => {
  it('recognises programs: PE (and DLLs), ELF, Mach-O, and tells Mach-O universal from Java classes', () => {
    expect(sniff(peProgram(), true)).toMatchObject({ kind: 'pe', category: 'executable', label: 'a Windows program' })
    expect(sniff(peProgram({ dll: true }), true)?.label).toBe('a Windows library')
    expect(kindOf(elfProgram())).toBe('elf')
    expect(kindOf(Buffer.from('cffaedfe07000001030000000000000000000000', 'hex'))).toBe('macho')
    expect(kindOf(Buffer.from('cafebabe0000000201000007', 'hex'))).toBe('macho')
    expect(kindOf(Buffer.from('cafebabe0000003400', 'hex'))).toBe('java-class')
  })

  it('does not take text that starts with "MZ" for a program', () => {
    expect(kindOf(Buffer.from('MZ is the code of the Mazowieckie province. '.repeat(3)))).toBeNull()
  })

  it('recognises a truncated DOS header by its binary fields', () => {
    const head = peProgram().subarray(0, 0x70)
    expect(kindOf(head, false)).toBe('mz')
  })

  it('recognises shortcuts, OneNote sections and ISO images at their offsets', () => {
    expect(sniff(lnkShortcut(), true)).toMatchObject({ kind: 'lnk', category: 'shortcut' })
    expect(sniff(oneNoteSection(), true)).toMatchObject({ kind: 'onenote', category: 'onenote' })
    expect(sniff(isoImage(), true)).toMatchObject({ kind: 'iso', category: 'disk-image' })
    const udf = Buffer.alloc(0x9000)
    udf.write('BEA01', 0x8001, 'latin1')
    expect(kindOf(udf)).toBe('udf')
  })

  it('reads trailers (DMG koly) only from complete files', () => {
    const dmg = Buffer.alloc(4096)
    dmg.write('koly', 4096 - 512, 'latin1')
    expect(kindOf(dmg, true)).toBe('dmg')
    expect(kindOf(dmg, false)).toBeNull()
  })

  it('recognises archives and documents', () => {
    expect(kindOf(buildZip([{ name: 'a.txt', data: 'x' }]))).toBe('zip')
    expect(kindOf(Buffer.from('526172211a0700cf907300000d00000000000000', 'hex'))).toBe('rar')
    expect(kindOf(Buffer.from('377abcaf271c000400000000000000000000', 'hex'))).toBe('7z')
    expect(kindOf(Buffer.from('1f8b0800000000000003', 'hex'))).toBe('gzip')
    expect(kindOf(Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(100), 'hex'))).toBe('cfb')
    expect(kindOf(pdfDocument())).toBe('pdf')
    expect(kindOf(Buffer.concat([Buffer.from('junk before the header\n'), pdfDocument()]))).toBe('pdf')
  })

  it('sniffs HTML per WHATWG MIME Sniffing s7.1 and SVG by its root element', () => {
    expect(kindOf(Buffer.from('\ufeff  <!DOCTYPE html>\n<html><body>hi</body></html>'))).toBe('html')
    expect(kindOf(Buffer.from('<html>'))).toBe('html')
    expect(kindOf(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe('svg')
    expect(kindOf(Buffer.from('<?xml version="1.0"?><w:document/>'))).toBeNull()
    expect(kindOf(Buffer.from('<a:theme xmlns:a="x"/>'))).toBeNull()
    expect(kindOf(Buffer.from('Dear customer, <b>thanks</b>'))).toBeNull()
  })
})
