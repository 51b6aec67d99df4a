import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLAMAV_TESTFILES_DIR, EICAR } from '../../daemons/clamd/index.ts'
import { buildMessage } from '../../testing/build-message.ts'
import { runEngine } from '../../testing/engine-harness.ts'
import { clamavEngine } from './index.ts'
import { useRealClamd } from './testing/real-clamd.ts'
import { storedZip } from './testing/stored-zip.ts'

const clamd = useRealClamd()
const config = () => ({ address: clamd().address })

describe('clamav engine against the real clamd', () => {
  it('finds every clamav-testfiles file mailed as an attachment', async () => {
    const names = readdirSync(CLAMAV_TESTFILES_DIR).sort()
    expect(names).toHaveLength(44)
    const missed: string[] = []
    for (const name of names) {
      const outcome = await runEngine(
        clamavEngine,
        {
          subject: name,
          text: 'see attached',
          attachments: [{ filename: name, content: readFileSync(join(CLAMAV_TESTFILES_DIR, name)) }],
        },
        { config: config() },
      )
      const found = outcome.status === 'ok' ? outcome.findings.find((f) => f.code === 'CLAMAV_MALWARE') : undefined
      // Found in the attachment sent on its own, not only in the raw message clamd decoded itself.
      if (!found || !(found.evidence.foundIn as string[]).includes(`attachment ${name}`)) missed.push(name)
    }
    expect(missed).toEqual([])
  })

  it('finds EICAR inside a zip attachment, and names the attachment', async () => {
    const zip = storedZip([
      { name: 'readme.txt', data: 'nothing here' },
      { name: 'docs/eicar.com', data: EICAR },
    ])
    const outcome = await runEngine(
      clamavEngine,
      {
        text: 'the files you asked for',
        attachments: [{ filename: 'invoice.zip', contentType: 'application/zip', content: zip }],
      },
      { config: config() },
    )
    expect(outcome).toEqual({
      status: 'ok',
      findings: [
        {
          code: 'CLAMAV_MALWARE',
          severity: 'critical',
          text: 'The attachment invoice.zip contains malware that ClamAV knows as Eicar-Test-Signature.UNOFFICIAL.',
          evidence: {
            signature: 'Eicar-Test-Signature.UNOFFICIAL',
            part: 'attachment invoice.zip',
            sizeBytes: zip.length,
            foundIn: ['raw message', 'attachment invoice.zip'],
          },
        },
      ],
    })
  })

  it('finds EICAR in a zip inside a zip', async () => {
    const inner = storedZip([{ name: 'eicar.com', data: EICAR }])
    const outer = storedZip([{ name: 'inner.zip', data: inner }])
    const outcome = await runEngine(
      clamavEngine,
      { attachments: [{ filename: 'outer.zip', content: outer }] },
      { config: config() },
    )
    expect(outcome.status === 'ok' && outcome.findings.map((f) => f.code)).toEqual(['CLAMAV_MALWARE'])
  })

  it('finds EICAR attached to a forwarded message', async () => {
    const forwarded = buildMessage({ subject: 'original', attachments: [{ filename: 'eicar.com', content: EICAR }] })
    const outcome = await runEngine(
      clamavEngine,
      { text: 'FYI', attachments: [{ filename: 'original.eml', contentType: 'message/rfc822', content: forwarded }] },
      { config: config() },
    )
    expect(outcome.status === 'ok' && outcome.findings.map((f) => [f.code, f.evidence.part])).toEqual([
      ['CLAMAV_MALWARE', 'attachment original.eml'],
    ])
  })

  it('passes clean mail with no findings', async () => {
    const outcome = await runEngine(
      clamavEngine,
      {
        text: 'Lunch on Friday?',
        html: '<p>Lunch on <b>Friday</b>?</p>',
        attachments: [
          { filename: 'menu.txt', content: 'soup, bread' },
          { filename: 'notes.zip', content: storedZip([{ name: 'a.txt', data: 'harmless' }]) },
        ],
      },
      { config: config() },
    )
    expect(outcome).toEqual({ status: 'ok', findings: [] })
  })

  it('finds the raw-message copy alone when attachments are not sent on their own', async () => {
    const outcome = await runEngine(
      clamavEngine,
      { attachments: [{ filename: 'eicar.com', content: EICAR }] },
      { config: { ...config(), scanAttachments: false } },
    )
    expect(outcome.status === 'ok' && outcome.findings[0]?.evidence.foundIn).toEqual(['raw message'])
  })

  it('prints the per-message scan time with the test database', async () => {
    const messages = {
      'text only': { text: 'Lunch on Friday?' },
      'text, 200 KB file and a zip': {
        text: 'Quarterly report attached.',
        attachments: [
          { filename: 'report.pdf', content: Buffer.alloc(200_000, 7) },
          { filename: 'data.zip', content: storedZip([{ name: 'data.csv', data: 'a,b\n'.repeat(10_000) }]) },
        ],
      },
    }
    for (const [kind, message] of Object.entries(messages)) {
      const times: number[] = []
      for (let i = 0; i < 30; i++) {
        const started = performance.now()
        const outcome = await runEngine(clamavEngine, message, { config: config() })
        times.push(performance.now() - started)
        expect(outcome.status).toBe('ok')
      }
      times.sort((a, b) => a - b)
      console.info(
        `clamav scan, ${kind} (parse included): median ${times[15]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${times.length}`,
      )
    }
  })
})
