import { describe, expect, it } from 'vitest'
import { EXTENSION_CATEGORY } from './categories.ts'
import { displayName, displayOrder, findDisguise, realExtension } from './filename.ts'

const risky = (extension: string) => EXTENSION_CATEGORY.has(extension)

describe('realExtension', () => {
  it('reads the extension Windows acts on, ignoring trailing dots, spaces and bidi controls', () => {
    expect(realExtension('Report.EXE')).toBe('exe')
    expect(realExtension('report.exe. . ')).toBe('exe')
    expect(realExtension('docs/sub\\payload.js')).toBe('js')
    expect(realExtension('invoice\u202Efdp.exe')).toBe('exe')
    expect(realExtension('README')).toBeNull()
    expect(realExtension('a sentence. not an extension')).toBeNull()
  })
})

describe('findDisguise', () => {
  it('finds a document extension before a risky one', () => {
    expect(findDisguise('invoice.pdf.exe', risky)).toMatchObject({
      trick: 'double extension',
      visibleExtension: 'pdf',
      realExtension: 'exe',
      decoyNoun: 'a PDF document',
    })
  })

  it('finds an extension padded with spaces to push the real one out of view', () => {
    expect(findDisguise('scan.doc      .js', risky)).toMatchObject({ trick: 'padded extension', realExtension: 'js' })
  })

  it('finds a right-to-left override that makes a program display as a PDF', () => {
    const disguise = findDisguise('invoice\u202Efdp.exe', risky)
    expect(disguise).toMatchObject({ trick: 'right-to-left override', visibleExtension: 'pdf', realExtension: 'exe' })
    expect(disguise?.displayedAs).toBe('invoiceexe.pdf')
  })

  it('leaves ordinary names alone', () => {
    for (const name of ['report.2024.pdf', 'setup.v1.2.exe', 'photo.jpg.zip', 'archive.tar.gz', 'a.exe', 'notes.txt']) {
      expect(findDisguise(name, risky), name).toBeNull()
    }
  })
})

describe('displayOrder and displayName', () => {
  it('reverses the run after an override up to its terminator', () => {
    expect(displayOrder('a\u202Ecba\u202Cd')).toBe('aabcd')
  })

  it('makes invisible characters visible and bounds the length', () => {
    expect(displayName('x\u202Ey')).toBe('x[U+202E]y')
    expect(displayName('a\u0000.exe\n')).toBe('a[U+0000].exe[U+000A]')
    expect(displayName('a'.repeat(300))).toHaveLength(120)
  })
})
