import { describe, expect, it } from 'vitest'
import { inspectCfb } from './cfb.ts'
import { buildCfb, wordDirectory } from './testing/cfb-writer.ts'

describe('inspectCfb', () => {
  it('finds _VBA_PROJECT in a directory sector reached only through the FAT chain', () => {
    expect(inspectCfb(buildCfb(wordDirectory(true)))?.vbaEntry).toBe('_VBA_PROJECT')
  })

  it('finds the VBA storages Word and Excel use', () => {
    const excel = buildCfb([
      { name: 'Root Entry', type: 5 },
      { name: 'Workbook', type: 2 },
      { name: '_VBA_PROJECT_CUR', type: 1 },
    ])
    expect(inspectCfb(excel)?.vbaEntry).toBe('_VBA_PROJECT_CUR')
  })

  it('reports nothing for a document without macros, even when its text names a VBA project', () => {
    const text = Buffer.from('see _VBA_PROJECT and VBA in the manual', 'utf16le')
    expect(inspectCfb(buildCfb(wordDirectory(false), text))).toEqual({ vbaEntry: null, encrypted: false })
  })

  it('recognises a password-protected OOXML package (EncryptedPackage stream)', () => {
    const encrypted = buildCfb([
      { name: 'Root Entry', type: 5 },
      { name: 'EncryptionInfo', type: 2 },
      { name: 'EncryptedPackage', type: 2 },
    ])
    expect(inspectCfb(encrypted)?.encrypted).toBe(true)
  })

  it('ends on a directory chain that loops and rejects what is not a compound file', () => {
    const looped = buildCfb(wordDirectory(false))
    // FAT entry of sector 1 (the directory) pointing back at itself.
    looped.writeUInt32LE(1, 512 + 4)
    expect(inspectCfb(looped)).toEqual({ vbaEntry: null, encrypted: false })
    expect(inspectCfb(Buffer.from('not a compound file at all'.repeat(40)))).toBeNull()
    const badShift = buildCfb(wordDirectory(true))
    badShift.writeUInt16LE(20, 0x1e)
    expect(inspectCfb(badShift)).toBeNull()
  })
})
