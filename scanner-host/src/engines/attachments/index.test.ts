import { describe, expect, it } from 'vitest'
import { createDeadline, type Deadline, type EngineContext } from '../engine.ts'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { silentLogger } from '../../log.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { OrganizationSchema } from '../../policy/organization.ts'
import { buildMessage } from '../../testing/build-message.ts'
import { codesOf, findingsOf } from '../../testing/engine-harness.ts'
import type { TestAttachment } from '../../testing/build-message.ts'
import { attachmentsEngine, type AttachmentsConfig } from './index.ts'
import { buildCfb, wordDirectory } from './testing/cfb-writer.ts'
import {
  docm,
  docx,
  elfProgram,
  isoImage,
  lnkShortcut,
  oneNoteSection,
  pdfDocument,
  peProgram,
} from './testing/samples.ts'
import { buildZip } from './testing/zip-writer.ts'

const scan = (attachments: TestAttachment[], config = {}) =>
  findingsOf(attachmentsEngine, { text: 'see attached', attachments }, { config })
const one = (filename: string, content: Buffer | string, contentType?: string) =>
  scan([{ filename, content, ...(contentType ? { contentType } : {}) }])

describe('attachments engine: risky types', () => {
  it('reports programs by extension and by content, once per attachment', async () => {
    const findings = await one('setup.exe', peProgram())
    expect(codesOf(findings)).toEqual(['ATTACH_EXECUTABLE'])
    expect(findings[0]).toMatchObject({
      severity: 'high',
      evidence: { filename: 'setup.exe', detectedBy: ['name', 'content'], detectedType: 'a Windows program' },
    })
    expect(findings[0]!.text).toMatch(/^The attachment setup\.exe is a program/)
    expect(codesOf(await one('tool', elfProgram()))).toEqual(['ATTACH_EXECUTABLE'])
    expect(codesOf(await one('update.scr', 'not really a program'))).toEqual(['ATTACH_EXECUTABLE'])
  })

  it('reports scripts, shortcuts, disk images and OneNote by extension and content', async () => {
    expect(codesOf(await one('invoice.js', 'WScript.Shell'))).toEqual(['ATTACH_SCRIPT'])
    expect(codesOf(await one('run.HTA', '<hta:application/>'))).toEqual(['ATTACH_SCRIPT'])
    expect(codesOf(await one('doc.lnk', lnkShortcut()))).toEqual(['ATTACH_SHORTCUT'])
    expect(codesOf(await one('x', lnkShortcut()))).toEqual(['ATTACH_SHORTCUT'])
    expect(codesOf(await one('share.library-ms', '<libraryDescription/>'))).toEqual(['ATTACH_SHORTCUT'])
    expect(codesOf(await one('disk.img', isoImage()))).toEqual(['ATTACH_DISK_IMAGE'])
    expect((await one('photos', isoImage()))[0]?.evidence.detectedType).toBe('an ISO disk image')
    expect(codesOf(await one('notes.one', oneNoteSection()))).toEqual(['ATTACH_ONENOTE'])
  })

  it('reports HTML attachments, scripted SVG, and honours htmlAttachments: false', async () => {
    expect(codesOf(await one('login.html', '<html><form>'))).toEqual(['ATTACH_HTML'])
    expect(codesOf(await one('page', '<!DOCTYPE html><html>', 'text/html'))).toEqual(['ATTACH_HTML'])
    expect(
      codesOf(await one('logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>location="x"</script></svg>')),
    ).toEqual(['ATTACH_HTML'])
    expect(await one('logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>')).toEqual([])
    expect(await scan([{ filename: 'report.html', content: '<html>' }], { htmlAttachments: false })).toEqual([])
  })

  it('reports macro-enabled Office documents by extension, OOXML part and OLE2 directory', async () => {
    expect(codesOf(await one('budget.xlsm', docx()))).toEqual(['ATTACH_MACRO_OFFICE'])
    const ooxml = await one('letter.docx', docm())
    expect(codesOf(ooxml)).toEqual(['ATTACH_MACRO_OFFICE'])
    expect(ooxml[0]!.evidence.macroEntry).toBe('word/vbaProject.bin')
    const legacy = await one('order.doc', buildCfb(wordDirectory(true)), 'application/msword')
    expect(codesOf(legacy)).toEqual(['ATTACH_MACRO_OFFICE'])
    expect(legacy[0]!.evidence.macroEntry).toBe('_VBA_PROJECT')
  })
})

describe('attachments engine: disguises and mismatches', () => {
  it('reports a program disguised by a double extension', async () => {
    const findings = await one('invoice.pdf.exe', peProgram())
    expect(codesOf(findings)).toEqual(['ATTACH_DOUBLE_EXTENSION', 'ATTACH_EXECUTABLE'])
    const disguise = findings.find((f) => f.code === 'ATTACH_DOUBLE_EXTENSION')!
    expect(disguise.text).toMatch(/^The attachment invoice\.pdf\.exe is a program disguised as a PDF document/)
  })

  it('reports padding and right-to-left override tricks', async () => {
    expect(codesOf(await one('scan.doc      .js', 'x'))).toContain('ATTACH_DOUBLE_EXTENSION')
    const rtl = await one('invoice\u202Efdp.exe', peProgram())
    const disguise = rtl.find((f) => f.code === 'ATTACH_DOUBLE_EXTENSION')
    expect(disguise?.evidence).toMatchObject({ trick: 'right-to-left override', displayedAs: 'invoiceexe.pdf' })
    expect(disguise?.evidence.filename).toBe('invoice[U+202E]fdp.exe')
  })

  it('reports content that contradicts the name or the declared type', async () => {
    const byName = await one('report.pdf', peProgram(), 'application/octet-stream')
    expect(codesOf(byName)).toEqual(['ATTACH_EXECUTABLE', 'ATTACH_TYPE_MISMATCH'])
    expect(byName.find((f) => f.code === 'ATTACH_TYPE_MISMATCH')?.evidence).toMatchObject({
      claimedBy: 'name',
      claimedType: 'a PDF document',
      detectedType: 'a Windows program',
    })
    const byType = await one('scan', buildZip([{ name: 'a.txt', data: 'x' }]), 'application/pdf')
    expect(codesOf(byType)).toEqual(['ATTACH_TYPE_MISMATCH'])
    expect(byType[0]!.evidence.claimedBy).toBe('declared type')
  })

  it('stays quiet on common harmless mismatches', async () => {
    const zip = buildZip([{ name: 'a.txt', data: 'x' }])
    expect(await one('data.bin', zip, 'application/octet-stream')).toEqual([])
    expect(await one('export.xls', '<html><table></table></html>', 'application/vnd.ms-excel')).toEqual([])
    expect(await one('notes.txt', '<p>hello</p>', 'text/plain')).toEqual([])
    expect(await one('bundle.zip', zip, 'text/plain')).toEqual([])
    expect(await one('photo.jpg', pdfDocument(), 'image/jpeg')).toEqual([])
  })
})

describe('attachments engine: ordinary mail and configuration', () => {
  it('finds nothing in a PDF, a Word document, a legacy document without macros or a picture', async () => {
    const findings = await scan([
      { filename: 'report.pdf', contentType: 'application/pdf', content: pdfDocument() },
      {
        filename: 'letter.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        content: docx(),
      },
      { filename: 'old.doc', contentType: 'application/msword', content: buildCfb(wordDirectory(false)) },
      { filename: 'logo.png', contentType: 'image/png', content: Buffer.from('89504e470d0a1a0a0000', 'hex') },
      { filename: 'notes.txt', content: 'plain words' },
    ])
    expect(findings).toEqual([])
  })

  it('tells web shortcuts from shortcuts to files and network shares', async () => {
    const web = await one('Liberalism in America.url', '[InternetShortcut]\r\nURL=http://www.example.org/essay\r\n')
    expect(codesOf(web)).toEqual(['ATTACH_WEB_SHORTCUT'])
    expect(web[0]?.severity).toBe('low')
    const share = '[InternetShortcut]\r\nURL=file://203.0.113.9/share/invoice.js\r\n'
    expect(codesOf(await one('invoice.url', share))).toEqual(['ATTACH_SHORTCUT'])
    const icon = '[InternetShortcut]\r\nURL=https://example.org/\r\nIconFile=\\\\203.0.113.9\\icons\\a.ico\r\n'
    expect(codesOf(await one('news.url', icon))).toEqual(['ATTACH_SHORTCUT'])
  })

  it('calls a shortcut a web shortcut only when the whole file names http(s) targets only', async () => {
    const codes = async (name: string, content: Buffer | string) => codesOf(await one(name, content))
    const ini = (body: string) => `[InternetShortcut]\r\n${body}\r\n`
    expect(await codes('a.url', ini('URL=search-ms:query=invoice&crumb=location:\\\\203.0.113.9\\s'))).toEqual([
      'ATTACH_SHORTCUT',
    ])
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    expect(await codes('b.url', utf16(ini('URL=file://203.0.113.9/s/a.js')))).toEqual(['ATTACH_SHORTCUT'])
    expect(await codes('b.url', utf16(ini('URL=https://example.org/')))).toEqual(['ATTACH_WEB_SHORTCUT'])
    const be = Buffer.from(utf16(ini('URL=https://example.org/'))).swap16()
    expect(await codes('c.url', be)).toEqual(['ATTACH_WEB_SHORTCUT'])
    const padded = ini(`; ${'x'.repeat(5000)}\r\nURL=file://203.0.113.9/s/a.js`)
    expect(await codes('d.url', padded)).toEqual(['ATTACH_SHORTCUT'])
    expect(await codes('e.url', Buffer.from('[InternetShortcut]\r\nURL=https://a.example/\xff', 'latin1'))).toEqual([
      'ATTACH_SHORTCUT',
    ])
    expect(await codes('f.url', '[InternetShortcut]\r\n')).toEqual(['ATTACH_SHORTCUT'])
    const plist = (url: string) =>
      `<?xml version="1.0"?><plist version="1.0"><dict><key>URL</key><string>${url}</string></dict></plist>`
    expect(await codes('g.webloc', plist('https://example.org/'))).toEqual(['ATTACH_WEB_SHORTCUT'])
    expect(await codes('h.webloc', plist('file:///Volumes/share/a.app'))).toEqual(['ATTACH_SHORTCUT'])
  })

  it('adds extensions with their kind and ignores configured ones', async () => {
    expect(
      codesOf(
        await scan([{ filename: 'tool.py', content: 'import os' }], { extraRiskyExtensions: { '.PY': 'script' } }),
      ),
    ).toEqual(['ATTACH_SCRIPT'])
    expect(
      await scan([{ filename: 'intranet.url', content: '[InternetShortcut]' }], { ignoredExtensions: ['url'] }),
    ).toEqual([])
    expect(() => attachmentsEngine.configSchema.parse({ extraRiskyExtensions: { py: 'dangerous' } })).toThrow()
  })

  it('reports each attachment separately and every finding validates against the contract', async () => {
    const findings = await scan([
      { filename: 'a.exe', content: peProgram() },
      { filename: 'b.exe', content: peProgram() },
    ])
    expect(findings.map((f) => f.evidence.filename)).toEqual(['a.exe', 'b.exe'])
    const { FindingSchema } = await import('@moat/contract')
    for (const f of findings) expect(FindingSchema.parse(f)).toEqual(f)
  })

  it('answers Timeout instead of findings once the deadline has passed', async () => {
    const parsed = await parseMessage(
      buildMessage({ text: 'x', attachments: [{ filename: 'a.exe', content: peProgram() }] }),
    )
    const ctx = contextWith(createDeadline(-1))
    expect(await attachmentsEngine.scan(parsed, ctx)).toMatchObject({ status: 'error', errorCode: 'Timeout' })
    expect(await attachmentsEngine.scan(parsed, { ...ctx, deadline: createDeadline(60_000) })).toMatchObject({
      status: 'ok',
    })
  })

  it('asks the deadline inside the entry loop, so one large archive stops early', async () => {
    const entries = Array.from({ length: 200 }, (_, i) => ({ name: `f${i}.txt`, data: `line ${i}` }))
    const parsed = await parseMessage(
      buildMessage({ text: 'x', attachments: [{ filename: 'many.zip', content: buildZip(entries) }] }),
    )
    // Time "passes" on the 5th question: the count of questions shows where the engine stopped.
    let asked = 0
    const deadline: Deadline = { at: 0, passed: () => ++asked >= 5 }
    expect(await attachmentsEngine.scan(parsed, contextWith(deadline))).toMatchObject({ errorCode: 'Timeout' })
    expect(asked).toBeLessThan(10)
  })
})

function contextWith(deadline: Deadline): EngineContext<AttachmentsConfig> {
  return {
    config: attachmentsEngine.configSchema.parse({}),
    signal: new AbortController().signal,
    deadline,
    limits: DEFAULT_LIMITS,
    organization: OrganizationSchema.parse({}),
    log: silentLogger,
  }
}
