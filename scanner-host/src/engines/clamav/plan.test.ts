import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { buildMessage, type TestMessage } from '../../testing/build-message.ts'
import { ClamavConfigSchema, type ClamavConfig } from './config.ts'
import { detectionFindings, unscannedFinding } from './findings.ts'
import { planScan } from './plan.ts'

async function plan(spec: TestMessage, config: Partial<ClamavConfig> = {}) {
  const message = await parseMessage(buildMessage(spec), DEFAULT_LIMITS)
  return planScan(message, ClamavConfigSchema.parse(config))
}

const attachments = [
  { filename: 'small.txt', content: 'a'.repeat(100) },
  { filename: 'big.bin', content: Buffer.alloc(50_000, 1) },
]

describe('what goes to clamd', () => {
  it('sends the raw message first, then each attachment', async () => {
    const p = await plan({ text: 'hi', attachments })
    expect(p.parts.map((part) => part.label)).toEqual(['raw message', 'attachment small.txt', 'attachment big.bin'])
    expect(p.unscanned).toEqual([])
  })

  it('reports what is too large to send when the raw message does not cover it', async () => {
    const p = await plan({ text: 'hi', attachments }, { maxStreamBytes: 10_000 })
    expect(p.parts.map((part) => part.label)).toEqual(['attachment small.txt'])
    expect(p.unscanned.map((u) => u.label)).toEqual(['raw message', 'attachment big.bin'])
    expect(p.unscanned[1]!.why).toBe('is 48.8 KB, more than the 9.8 KB sent to ClamAV')
  })

  it('leaves attachments past maxAttachments to the raw message, or reports them when it was not sent', async () => {
    expect((await plan({ attachments }, { maxAttachments: 1 })).unscanned).toEqual([])
    const p = await plan({ attachments }, { maxAttachments: 1, maxStreamBytes: 60_000 })
    expect(p.unscanned.map((u) => u.label)).toEqual(['raw message', 'attachment big.bin'])
  })

  it('keeps control characters and very long sender-chosen names out of labels', async () => {
    const p = await plan({ attachments: [{ filename: `a\u0007${'x'.repeat(300)}.exe`, content: 'x' }] })
    const label = p.parts[1]!.label
    expect(label).toMatch(/^attachment a\?x+…$/)
    expect(label.length).toBe('attachment '.length + 120)
  })

  it('sends only the raw message when attachments are not scanned on their own', async () => {
    expect((await plan({ attachments }, { scanAttachments: false })).parts.map((part) => part.label)).toEqual([
      'raw message',
    ])
  })
})

describe('clamav findings', () => {
  it('reports a signature once, naming the attachment rather than the whole message', () => {
    const findings = detectionFindings([
      { signature: 'Eicar-Test-Signature', label: 'raw message', sizeBytes: 900 },
      { signature: 'Eicar-Test-Signature', label: 'attachment eicar.zip', sizeBytes: 190 },
    ])
    expect(findings).toEqual([
      {
        code: 'CLAMAV_MALWARE',
        severity: 'critical',
        text: 'The attachment eicar.zip contains malware that ClamAV knows as Eicar-Test-Signature.',
        evidence: {
          signature: 'Eicar-Test-Signature',
          part: 'attachment eicar.zip',
          sizeBytes: 190,
          foundIn: ['raw message', 'attachment eicar.zip'],
        },
      },
    ])
  })

  it('calls heuristic detections suspicious, not malware', () => {
    const [finding] = detectionFindings([{ signature: 'Heuristics.Encrypted.Zip', label: 'raw message', sizeBytes: 1 }])
    expect(finding).toMatchObject({ code: 'CLAMAV_SUSPICIOUS', severity: 'high' })
  })

  it('lists unchecked parts in one finding', () => {
    const [finding] = unscannedFinding([
      { label: 'raw message', sizeBytes: 30_000_000, why: 'is 28.6 MB, more than the 25.0 MB sent to ClamAV' },
      { label: 'attachment a.iso', sizeBytes: 26_000_000, why: 'is 24.8 MB, more than the 20.0 MB sent to ClamAV' },
    ])
    expect(finding?.text).toBe(
      'ClamAV could not check all of this message. The message is 28.6 MB, more than the 25.0 MB sent to ClamAV. ' +
        'The attachment a.iso is 24.8 MB, more than the 20.0 MB sent to ClamAV.',
    )
    expect(finding?.evidence.parts).toEqual(['raw message', 'attachment a.iso'])
    expect(unscannedFinding([])).toEqual([])
  })
})
