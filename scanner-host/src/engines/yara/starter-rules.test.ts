import { afterAll, describe, expect, it } from 'vitest'
import type { Finding } from '@moat/contract'
import { findingsOf } from '../../testing/engine-harness.ts'
import type { TestMessage } from '../../testing/build-message.ts'
import { createYaraEngine } from './index.ts'
import { fatImageWith, isoWith, udfWith } from './testing/disk-images.ts'
import * as sample from './testing/samples.ts'

const engine = createYaraEngine()
afterAll(() => engine.close?.())

/** Names of the rules that matched a message, for compact assertions. */
async function rulesOn(message: TestMessage): Promise<string[]> {
  return (await findingsOf(engine, message)).map((f) => String(f.evidence.rule)).sort()
}

const attached = (filename: string, content: Buffer | string): TestMessage => ({
  text: 'Please see the attached file.',
  attachments: [{ filename, content }],
})

describe('YARA-X starter rules on their samples', () => {
  const cases: { rule: string; bad: [string, TestMessage][]; good: [string, TestMessage][] }[] = [
    {
      rule: 'Moat_HTML_Smuggling_Blob_Download',
      bad: [
        ['a smuggling page attached', attached('Invoice.html', sample.smugglingPage())],
        ['a smuggling page as the HTML body', { html: sample.smugglingPage() }],
      ],
      good: [['a newsletter', { html: sample.newsletter() }]],
    },
    {
      rule: 'Moat_HTML_Smuggling_Data_URI_Download',
      bad: [['a data-URI download page', attached('fax.htm', sample.dataUriSmugglingPage())]],
      good: [['a newsletter with an inline base64 image', attached('news.html', sample.newsletter())]],
    },
    {
      rule: 'Moat_Disk_Image_With_Launcher',
      bad: [
        ['an ISO holding a PowerShell shortcut', attached('invoice.iso', isoWith([lnk('invoice.lnk')]))],
        ['an ISO holding a program by name', attached('setup.iso', isoWith([file('setup.exe', 'MZ')]))],
        ['a UDF image holding a shortcut', attached('scan.img', udfWith([lnk('scan.lnk')]))],
        ['a FAT image holding a shortcut', attached('photos.img', fatImageWith([lnk('photos.lnk')]))],
        ['a FAT image holding a program by name', attached('disk.img', fatImageWith([file('setup.exe', 'MZ')]))],
      ],
      good: [
        ['an ISO holding a PDF', attached('report.iso', isoWith([file('report.pdf', sample.pdfDocument())]))],
        ['a FAT image holding a PDF', attached('disk.img', fatImageWith([file('report.pdf', sample.pdfDocument())]))],
      ],
    },
    {
      rule: 'Moat_LNK_Command_Launcher',
      bad: [['a shortcut running hidden PowerShell', attached('Invoice.pdf.lnk', sample.powershellShortcut())]],
      good: [['a shortcut to a PDF', attached('Report.lnk', sample.documentShortcut())]],
    },
    {
      rule: 'Moat_OneNote_Embedded_Launcher',
      bad: [['a notebook with an HTA behind "double click to view"', attached('Invoice.one', sample.oneNoteLure())]],
      good: [['meeting notes with a screenshot', attached('Notes.one', sample.oneNoteNotes())]],
    },
    {
      rule: 'Moat_Office_Macro_AutoOpen',
      bad: [
        ['a Word document with Document_Open', attached('Order.doc', sample.wordWithMacro('Document_Open'))],
        ['a workbook with Workbook_Open', attached('Prices.xls', sample.wordWithMacro('Workbook_Open'))],
      ],
      good: [
        [
          'a document with macros that do not run on open',
          attached('Tables.doc', sample.wordWithMacro('FormatTables')),
        ],
        ['a document without macros that talks about AutoOpen', attached('Tutorial.doc', sample.wordAboutMacros())],
      ],
    },
    {
      rule: 'Moat_Office_OOXML_Macros',
      bad: [['a macro-enabled Word package', attached('Order.docm', sample.docm())]],
      good: [['a plain Word package', attached('Order.docx', sample.docx())]],
    },
    {
      rule: 'Moat_Credential_Harvest_Form',
      bad: [
        ['a fake sign-in page attached', attached('Shared_Document.htm', sample.harvestPage())],
        ['a fake sign-in page as the body', { html: sample.harvestPage() }],
        ['a page posting the password by script', attached('Verify.html', sample.harvestPageAjax())],
      ],
      good: [
        ['a survey posting to another site without a password field', { html: sample.surveyPage() }],
        ['a newsletter', { html: sample.newsletter() }],
      ],
    },
  ]

  for (const { rule, bad, good } of cases) {
    describe(rule, () => {
      for (const [what, message] of bad) {
        it(`fires on ${what}`, async () => {
          expect(await rulesOn(message)).toContain(rule)
        })
      }
      for (const [what, message] of good) {
        it(`stays quiet on ${what}`, async () => {
          expect(await rulesOn(message)).toEqual([])
        })
      }
    })
  }
})

describe('findings from the starter rules', () => {
  it('carry the rule, its file, the part and the strings, with severity and score from the rule', async () => {
    const [finding] = await findingsOf(engine, attached('Invoice.pdf.lnk', sample.powershellShortcut()))
    expect(finding).toMatchObject<Partial<Finding>>({ code: 'YARA_MATCH', severity: 'high', score: 10 })
    expect(finding!.text).toMatch(
      /^A Windows shortcut in this message starts a command interpreter.*Found in: Invoice\.pdf\.lnk\.$/,
    )
    expect(finding!.evidence).toMatchObject({
      rule: 'Moat_LNK_Command_Launcher',
      file: 'lnk-launcher.yar',
      parts: ['Invoice.pdf.lnk'],
      partCount: 1,
      reference: 'https://attack.mitre.org/techniques/T1204/002/',
    })
    expect(finding!.evidence.strings).toEqual(expect.arrayContaining(['$link_clsid', '$launch_powershell']))
  })

  it('give one finding per rule, listing every part it matched in', async () => {
    const findings = await findingsOf(engine, {
      html: sample.harvestPage(),
      attachments: [
        { filename: 'a.lnk', content: sample.powershellShortcut() },
        { filename: 'b.lnk', content: sample.powershellShortcut() },
      ],
    })
    expect(findings.map((f) => f.evidence.rule)).toEqual(['Moat_LNK_Command_Launcher', 'Moat_Credential_Harvest_Form'])
    expect(findings[0]!.evidence.parts).toEqual(['a.lnk', 'b.lnk'])
    expect(findings[1]!.evidence.parts).toEqual(['HTML body'])
  })

  it('read the parts of an attached message, decoded', async () => {
    const forwarded = sample.forwardOf({ html: sample.harvestPage() })
    const [finding] = await findingsOf(engine, {
      text: 'Forwarding this, looks odd.',
      attachments: [{ filename: 'Fwd.eml', contentType: 'message/rfc822', content: forwarded }],
    })
    expect(finding!.evidence.parts).toEqual(['Fwd.eml > HTML body'])
  })
})

function file(name: string, data: Buffer | string) {
  return { name, data: Buffer.from(data) }
}

function lnk(name: string) {
  return { name, data: sample.powershellShortcut() }
}
