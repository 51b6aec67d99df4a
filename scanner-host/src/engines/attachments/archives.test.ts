import { deflateRawSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Limits } from '../../limits.ts'
import { codesOf, findingsOf, runEngine } from '../../testing/engine-harness.ts'
import { attachmentsEngine } from './index.ts'
import { crc32 } from './testing/crc32.ts'
import { gzipNamed, rar4, rar5, sevenZip, tarOf } from './testing/other-archives.ts'
import { docm, docx, noise, peProgram } from './testing/samples.ts'
import { buildZip, centralHeader, endRecord, localHeader, nestedZip, sharedDataZip } from './testing/zip-writer.ts'

const scanFile = (filename: string, content: Buffer, limits: Partial<Limits> = {}) =>
  findingsOf(attachmentsEngine, { text: 'see attached', attachments: [{ filename, content }] }, { limits })
const byCode = async (filename: string, content: Buffer, code: string, limits: Partial<Limits> = {}) =>
  (await scanFile(filename, content, limits)).find((f) => f.code === code)

describe('archive contents', () => {
  it('applies the type and name checks to entries and shows their path', async () => {
    const zip = buildZip([
      { name: 'docs/readme.txt', data: 'hello' },
      { name: 'docs/payload.exe', data: peProgram() },
      { name: 'invoice.pdf.js', data: 'WScript' },
    ])
    const findings = await scanFile('invoice.zip', zip)
    expect(codesOf(findings)).toEqual(['ATTACH_DOUBLE_EXTENSION', 'ATTACH_EXECUTABLE', 'ATTACH_SCRIPT'])
    const exe = findings.find((f) => f.code === 'ATTACH_EXECUTABLE')!
    expect(exe.evidence.path).toBe('invoice.zip > docs/payload.exe')
    expect(exe.text).toBe(
      'The attachment invoice.zip contains a program (its name ends in .exe): docs/payload.exe. Opening it would run it on your computer.',
    )
  })

  it('sniffs deflated entries: a program named like a text file', async () => {
    const zip = buildZip([{ name: 'notes.txt', data: peProgram() }])
    expect(codesOf(await scanFile('notes.zip', zip))).toEqual(['ATTACH_EXECUTABLE', 'ATTACH_TYPE_MISMATCH'])
  })

  it('aggregates many risky entries into one finding with a count', async () => {
    const zip = buildZip(['a.exe', 'b.exe', 'c.exe'].map((name) => ({ name, data: 'x' })))
    const findings = await scanFile('tools.zip', zip)
    expect(findings).toHaveLength(1)
    expect(findings[0]!.evidence).toMatchObject({
      count: 3,
      paths: ['tools.zip > a.exe', 'tools.zip > b.exe', 'tools.zip > c.exe'],
    })
    expect(findings[0]!.text).toMatch(/2 more of the same kind were found in it\.$/)
  })

  it('opens nested archives and Office documents inside them', async () => {
    const inner = buildZip([{ name: 'run.vbs', data: 'x' }])
    const zip = buildZip([
      { name: 'inner.zip', data: inner },
      { name: 'contract.docx', data: docm() },
    ])
    const findings = await scanFile('outer.zip', zip)
    expect(codesOf(findings)).toEqual(['ATTACH_MACRO_OFFICE', 'ATTACH_SCRIPT'])
    expect(findings.find((f) => f.code === 'ATTACH_SCRIPT')!.evidence.path).toBe('outer.zip > inner.zip > run.vbs')
    expect(findings.find((f) => f.code === 'ATTACH_MACRO_OFFICE')!.evidence.path).toBe('outer.zip > contract.docx')
  })

  it('reads file names from tar, tar.gz, gzip and RAR archives', async () => {
    expect((await byCode('a.tar', tarOf([{ name: 'x/run.exe', data: 'x' }]), 'ATTACH_EXECUTABLE'))?.evidence.path).toBe(
      'a.tar > x/run.exe',
    )
    const tgz = gzipNamed('bundle.tar', tarOf([{ name: 'setup.ps1', data: 'x' }]))
    expect((await byCode('bundle.tgz', tgz, 'ATTACH_SCRIPT'))?.evidence.path).toBe(
      'bundle.tgz > bundle.tar > setup.ps1',
    )
    expect(codesOf(await scanFile('doc.gz', gzipNamed('invoice.pdf.exe', Buffer.from('x'))))).toEqual([
      'ATTACH_DOUBLE_EXTENSION',
      'ATTACH_EXECUTABLE',
    ])
    expect((await byCode('a.rar', rar4('payload.scr'), 'ATTACH_EXECUTABLE'))?.evidence.path).toBe('a.rar > payload.scr')
    expect((await byCode('b.rar', rar5('setup.lnk'), 'ATTACH_SHORTCUT'))?.evidence.path).toBe('b.rar > setup.lnk')
  })

  it('finds nothing in a Word document or an archive of ordinary files', async () => {
    expect(await scanFile('letter.docx', docx())).toEqual([])
    const zip = buildZip([
      { name: 'report.pdf', data: '%PDF-1.7\n' },
      { name: 'photos/', data: '', method: 'store' },
      { name: 'photos/cat.jpg', data: Buffer.from('ffd8ffe000104a464946', 'hex'), method: 'store' },
      { name: 'letter.docx', data: docx() },
    ])
    expect(await scanFile('files.zip', zip)).toEqual([])
  })
})

describe('passwords, depth and damage', () => {
  it('reports encrypted entries and password-protected RAR and 7-Zip archives', async () => {
    const zip = buildZip([{ name: 'invoice.doc', data: 'x', encrypted: true }])
    expect((await byCode('secret.zip', zip, 'ATTACH_ARCHIVE_ENCRYPTED'))?.evidence.path).toBe(
      'secret.zip > invoice.doc',
    )
    expect(codesOf(await scanFile('a.rar', rar4('data.bin', { fileEncrypted: true })))).toEqual([
      'ATTACH_ARCHIVE_ENCRYPTED',
    ])
    expect(codesOf(await scanFile('b.rar', rar4('x', { headersEncrypted: true })))).toEqual([
      'ATTACH_ARCHIVE_ENCRYPTED',
    ])
    expect(codesOf(await scanFile('c.rar', rar5('data.bin', { fileEncrypted: true })))).toEqual([
      'ATTACH_ARCHIVE_ENCRYPTED',
    ])
    expect(codesOf(await scanFile('d.rar', rar5('x', { headersEncrypted: true })))).toEqual([
      'ATTACH_ARCHIVE_ENCRYPTED',
    ])
    expect(codesOf(await scanFile('e.7z', sevenZip(true)))).toEqual(['ATTACH_ARCHIVE_ENCRYPTED'])
  })

  it('reads archives down to maxArchiveDepth and reports deeper ones', async () => {
    const payload = { name: 'payload.exe', data: peProgram() }
    const within = await byCode('a.zip', nestedZip(4, payload), 'ATTACH_EXECUTABLE')
    expect(within?.evidence.path).toBe('a.zip > level1.zip > level2.zip > level3.zip > payload.exe')
    const deep = await scanFile('a.zip', nestedZip(5, payload))
    expect(codesOf(deep)).toEqual(['ATTACH_ARCHIVE_TOO_DEEP'])
    expect(deep[0]!.evidence).toMatchObject({
      path: 'a.zip > level1.zip > level2.zip > level3.zip > level4.zip',
      depth: 4,
      limit: 3,
    })
    expect(codesOf(await scanFile('a.zip', nestedZip(2, payload), { maxArchiveDepth: 0 }))).toEqual([
      'ATTACH_ARCHIVE_TOO_DEEP',
    ])
  })

  it('reports damaged archives without throwing', async () => {
    const zip = buildZip([
      { name: 'a.txt', data: 'a'.repeat(100) },
      { name: 'b.txt', data: 'b'.repeat(100) },
    ])
    const cut = await byCode('cut.zip', zip.subarray(0, zip.length - 40), 'ATTACH_ARCHIVE_CORRUPT')
    expect(cut?.evidence.reason).toMatch(/missing/)
    const garbage = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('\x8f\x11garbage'.repeat(50), 'latin1')])
    expect(codesOf(await scanFile('garbage.zip', garbage))).toEqual(['ATTACH_ARCHIVE_CORRUPT'])
    const noHeader = Buffer.from(zip)
    noHeader.write('XX', 0, 'latin1')
    expect((await byCode('moved.zip', noHeader, 'ATTACH_ARCHIVE_CORRUPT'))?.evidence.reason).toBe(
      'the data of a.txt is missing or cut short',
    )
    const nested = buildZip([{ name: 'inner.zip', data: Buffer.concat([zip.subarray(0, 4), Buffer.alloc(60)]) }])
    expect(codesOf(await scanFile('outer.zip', nested))).toEqual(['ATTACH_ARCHIVE_CORRUPT'])
  })

  it('does not call an archive damaged when only the scanner cut it short', async () => {
    const zip = buildZip([
      { name: 'a.bin', data: noise(4000) },
      { name: 'b.txt', data: 'b' },
    ])
    expect(zip.length).toBeGreaterThan(4000)
    // Unread, not damaged (unread.test.ts): the cut is the scanner's, not the sender's.
    expect(codesOf(await scanFile('big.zip', zip, { maxAttachmentBytes: 2000 }))).toEqual(['ATTACH_ARCHIVE_UNREAD'])
    expect(codesOf(await scanFile('big.zip', zip.subarray(0, 2000)))).toEqual(['ATTACH_ARCHIVE_CORRUPT'])
  })
})

describe('archive bombs', () => {
  let zeros: Buffer
  beforeAll(() => {
    zeros = Buffer.alloc(50 * 1024 * 1024)
  })

  it('(a) reports an entry that expands more than maxArchiveRatio times', async () => {
    const zip = buildZip([{ name: 'zeros.bin', data: zeros }])
    expect(zip.length).toBeLessThan(100_000)
    const bomb = await byCode('zeros.zip', zip, 'ATTACH_ARCHIVE_BOMB')
    expect(bomb?.evidence).toMatchObject({
      reasons: ['expansion ratio'],
      expandedBytes: 50 * 1024 * 1024,
      limitRatio: 200,
    })
    expect(bomb?.evidence.ratio).toBeGreaterThan(1000)
  })

  it('does not call small or ordinary entries bombs', async () => {
    const zip = buildZip([
      { name: 'blank.bin', data: Buffer.alloc(200_000) },
      { name: 'log.txt', data: 'GET /index.html 200\n'.repeat(5000) },
    ])
    expect(await scanFile('ok.zip', zip)).toEqual([])
  })

  it('(b) reports entries claiming huge sizes, and too many entries', async () => {
    const claims = buildZip([1, 2, 3].map((i) => ({ name: `part${i}.bin`, data: 'x', claimUncompressed: 0xfffffff0 })))
    const bomb = await byCode('claims.zip', claims, 'ATTACH_ARCHIVE_BOMB')
    expect(bomb?.evidence.reasons).toEqual(['total expanded size', 'expansion ratio'])
    const total = await byCode(
      'total.zip',
      buildZip([
        { name: 'a', data: 'x'.repeat(600), method: 'store' },
        { name: 'b', data: 'y'.repeat(600), method: 'store' },
      ]),
      'ATTACH_ARCHIVE_BOMB',
      { maxArchiveExpandedBytes: 1000 },
    )
    expect(total?.evidence).toMatchObject({ reasons: ['total expanded size'], expandedBytes: 1200 })
    const many = buildZip(Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })))
    const count = await byCode('many.zip', many, 'ATTACH_ARCHIVE_BOMB', { maxArchiveEntries: 10 })
    expect(count?.evidence).toMatchObject({ reasons: ['entry count'], limit: 10 })
  })

  it('(c) reports overlapping entries: quoted local headers and shared local headers', async () => {
    // Fifield-style: entry A's stored data is entry B's local header and data.
    const dataB = Buffer.from('kernel '.repeat(20))
    const fieldsB = {
      name: 'b.txt',
      method: 0,
      flags: 0,
      crc: crc32(dataB),
      compressedSize: dataB.length,
      uncompressedSize: dataB.length,
    }
    const quotedB = Buffer.concat([localHeader(fieldsB), dataB])
    const fieldsA = {
      ...fieldsB,
      name: 'a.txt',
      crc: crc32(quotedB),
      compressedSize: quotedB.length,
      uncompressedSize: quotedB.length,
    }
    const localA = localHeader(fieldsA)
    const cd = Buffer.concat([
      centralHeader({ ...fieldsA, localOffset: 0 }),
      centralHeader({ ...fieldsB, localOffset: localA.length }),
    ])
    const quoted = Buffer.concat([localA, quotedB, cd, endRecord(2, cd.length, localA.length + quotedB.length)])
    const bomb = await byCode('quoted.zip', quoted, 'ATTACH_ARCHIVE_BOMB')
    expect(bomb?.evidence).toMatchObject({ reasons: ['overlapping entries'], overlapping: ['a.txt', 'b.txt'] })

    const single = Buffer.concat([localHeader(fieldsB), dataB])
    const shared = Buffer.concat(
      [0, 1, 2].map((i) => centralHeader({ ...fieldsB, name: `copy${i}.txt`, localOffset: 0 })),
    )
    const sharing = Buffer.concat([single, shared, endRecord(3, shared.length, single.length)])
    expect(codesOf(await scanFile('shared.zip', sharing))).toEqual(['ATTACH_ARCHIVE_BOMB'])
  })

  it('stops at the bomb: 2,000 directory entries sharing one deflated 15 MiB inner zip', async () => {
    // 2,000 x 15 MiB inflated took 19 s; the bomb is reported and the shared data opened at most once.
    const inner = buildZip([{ name: 'blank.bin', data: zeros.subarray(0, 15 * 1024 * 1024 - 100), method: 'store' }])
    const names = Array.from({ length: 2000 }, (_, i) => `copy${i}.zip`)
    const zip = sharedDataZip(names, inner)
    expect(zip.length).toBeLessThan(140_000)
    const outcome = await runEngine(
      attachmentsEngine,
      { text: 'see attached', attachments: [{ filename: 'bomb.zip', content: zip }] },
      { timeoutMs: 2000 },
    )
    // ok means every ctx.deadline.passed() question, the last one included, was answered "no".
    expect(outcome.status).toBe('ok')
    const findings = outcome.status === 'ok' ? outcome.findings : []
    expect(codesOf(findings)).toContain('ATTACH_ARCHIVE_BOMB')
  })

  it('reports a nested archive that inflates beyond the size it claims', async () => {
    const inflated = Buffer.alloc(2 * 1024 * 1024)
    const lying = buildZip([{ name: 'inner.zip', data: inflated, claimUncompressed: 1000 }])
    const bomb = await byCode('lying.zip', lying, 'ATTACH_ARCHIVE_BOMB')
    expect(bomb?.evidence).toMatchObject({
      reasons: ['expands beyond its claimed size'],
      path: 'lying.zip > inner.zip',
    })
    expect(deflateRawSync(inflated).length).toBeLessThan(10_000)
  })
})
