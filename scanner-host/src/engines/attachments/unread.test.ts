import { describe, expect, it } from 'vitest'
import type { Limits } from '../../limits.ts'
import { codesOf, findingsOf } from '../../testing/engine-harness.ts'
import { attachmentsEngine } from './index.ts'
import { sevenZip } from './testing/other-archives.ts'
import { noise, peProgram } from './testing/samples.ts'
import { buildZip } from './testing/zip-writer.ts'

const KiB = 1024

const scanFiles = (attachments: { filename: string; content: Buffer }[], limits: Partial<Limits> = {}) =>
  findingsOf(attachmentsEngine, { text: 'see attached', attachments }, { limits })
const scanFile = (filename: string, content: Buffer, limits: Partial<Limits> = {}) =>
  scanFiles([{ filename, content }], limits)

describe('archives whose files could not be read', () => {
  it('reports an archive cut to maxAttachmentBytes instead of letting it pass as clean', async () => {
    // The real case: a program behind padding, past the point where the scanner stops reading.
    const zip = buildZip([
      { name: 'padding.bin', data: noise(100 * KiB), method: 'store' },
      { name: 'invoice.exe', data: peProgram() },
    ])
    const findings = await scanFile('invoice.zip', zip, { maxAttachmentBytes: 64 * KiB })
    expect(codesOf(findings)).toEqual(['ATTACH_ARCHIVE_UNREAD'])
    expect(findings[0]).toMatchObject({
      severity: 'medium',
      evidence: { filename: 'invoice.zip', path: 'invoice.zip', why: 'cut', format: 'zip', limitBytes: 64 * KiB },
    })
    expect(findings[0]!.text).toBe(
      'The files inside the attachment invoice.zip could not be checked: it is larger than the 64 KB the scanner ' +
        'reads, so only its start was read. They may hold anything, programs included.',
    )
    expect(await scanFile('invoice.zip', zip)).toMatchObject([{ code: 'ATTACH_EXECUTABLE' }])
  })

  it('reports a cut archive recognised by its name only', async () => {
    const prefixed = Buffer.concat([
      Buffer.from('self-extractor stub '.repeat(10)),
      buildZip([{ name: 'a.txt', data: noise(100 * KiB) }]),
    ])
    const findings = await scanFile('files.zip', prefixed, { maxAttachmentBytes: 64 * KiB })
    expect(findings).toMatchObject([{ code: 'ATTACH_ARCHIVE_UNREAD', evidence: { why: 'cut', format: 'zip' } }])
  })

  it('reports a nested archive larger than maxNestedArchiveBytes, without calling it a bomb', async () => {
    const big = buildZip([{ name: 'inner.zip', data: buildZip([{ name: 'a.txt', data: noise(5000) }]) }])
    const findings = await scanFile('outer.zip', big, { maxNestedArchiveBytes: 1000 })
    expect(codesOf(findings)).toEqual(['ATTACH_ARCHIVE_UNREAD'])
    expect(findings[0]!.evidence).toMatchObject({ path: 'outer.zip > inner.zip', why: 'too large', limitBytes: 1000 })
    expect(findings[0]!.text).toMatch(
      /^The files inside inner\.zip, in the attachment outer\.zip, could not be checked/,
    )
    expect(await scanFile('outer.zip', big)).toEqual([])
  })

  it('reports a 7-Zip archive whose list of files is compressed', async () => {
    const findings = await scanFile('f.7z', sevenZip(false))
    expect(codesOf(findings)).toEqual(['ATTACH_ARCHIVE_UNREAD'])
    expect(findings[0]!.evidence).toMatchObject({ path: 'f.7z', why: 'unsupported', format: '7-Zip archive' })
    expect(findings[0]!.text).toMatch(/compressed in a form the scanner does not read/)
    // A password-protected one is reported as such, not twice.
    expect(codesOf(await scanFile('e.7z', sevenZip(true)))).toEqual(['ATTACH_ARCHIVE_ENCRYPTED'])
  })

  it('counts what nested archives inflate across all attachments of a message', async () => {
    // Each attachment inflates about 5 KB (two sniffed heads and one nested archive); the message may
    // inflate four times maxNestedArchiveBytes, so the later attachments run out.
    const inner = buildZip([{ name: 'a.txt', data: noise(3000) }])
    const attachments = [1, 2, 3, 4, 5].map((i) => ({
      filename: `a${i}.zip`,
      content: buildZip([{ name: 'inner.zip', data: inner }]),
    }))
    const findings = await scanFiles(attachments, { maxNestedArchiveBytes: 4000 })
    const unread = findings.filter((f) => f.code === 'ATTACH_ARCHIVE_UNREAD')
    expect(unread.map((f) => f.evidence.filename)).toEqual(['a4.zip', 'a5.zip'])
    expect(unread[0]!.evidence).toMatchObject({ why: 'budget spent', path: 'a4.zip > inner.zip', limitBytes: 16_000 })
    expect(codesOf(await scanFiles(attachments.slice(0, 3), { maxNestedArchiveBytes: 4000 }))).toEqual([])
  })

  it('reports entries left unsniffed once the inflation budget is spent', async () => {
    // Each pad's head inflates about 1 MB of zeros; after 64 of them the message budget is spent.
    const pad = Buffer.concat([Buffer.alloc(1024 * KiB), noise(6 * KiB)])
    const entries = Array.from({ length: 70 }, (_, i) => ({ name: `pad${i}.bin`, data: pad }))
    const zip = buildZip([...entries, { name: 'invoice.pdf', data: peProgram() }])
    const findings = await scanFile('invoice.zip', zip)
    expect(codesOf(findings)).toEqual(['ATTACH_ARCHIVE_UNREAD'])
    expect(findings[0]!.evidence).toMatchObject({ why: 'budget spent', limitBytes: 64 * 1024 * KiB })
    expect(findings[0]!.evidence.path).toMatch(/^invoice\.zip > pad\d+\.bin$/)
  })

  it('reports entries past maxSniffedEntries, once per attachment', async () => {
    const entries = Array.from({ length: 102 }, (_, i) => ({ name: `f${i}.txt`, data: `file ${i}` }))
    const zip = buildZip([...entries.slice(0, 100), { name: 'invoice.pdf', data: peProgram() }, entries[101]!])
    const findings = await scanFile('invoice.zip', zip)
    expect(findings).toMatchObject([
      {
        code: 'ATTACH_ARCHIVE_UNREAD',
        evidence: { why: 'too many entries to check', path: 'invoice.zip > invoice.pdf', limit: 100 },
      },
    ])
    expect(findings[0]!.evidence.count).toBeUndefined()
    expect(await scanFile('small.zip', buildZip(entries.slice(0, 100)))).toEqual([])
  })

  it('reports a 7-Zip archive with a zeroed start header but data after it', async () => {
    const hidden = Buffer.from(sevenZip(false))
    hidden.fill(0, 12, 32)
    expect(await scanFile('f.7z', hidden)).toMatchObject([
      { code: 'ATTACH_ARCHIVE_UNREAD', evidence: { why: 'unsupported', format: '7-Zip archive' } },
    ])
    expect(await scanFile('empty.7z', hidden.subarray(0, 32))).toEqual([])
  })
})
