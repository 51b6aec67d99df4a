import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { silentLogger } from '../../log.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { OrganizationSchema } from '../../policy/organization.ts'
import { buildMessage } from '../../testing/build-message.ts'
import { codesOf, runEngine } from '../../testing/engine-harness.ts'
import { createDeadline } from '../engine.ts'
import { htmlEngine, HtmlConfigSchema } from './index.ts'
import { smugglingPage } from './test-samples.ts'

/** Runs the engine and returns its outcome and how long the engine plus parsing took. */
async function timed(html: string | Buffer) {
  const started = performance.now()
  const outcome = await runEngine(htmlEngine, Buffer.isBuffer(html) ? html : { html })
  return { outcome, ms: performance.now() - started }
}

function findingsOfOutcome(outcome: Awaited<ReturnType<typeof runEngine>>) {
  if (outcome.status !== 'ok') throw new Error(`status ${outcome.status}`)
  return outcome.findings
}

describe('html engine: hostile input', () => {
  it('reads 100,000 nested <div> quickly, and still sees the script after them', async () => {
    const html = '<div>'.repeat(100_000) + smugglingPage() + '</div>'.repeat(100_000)
    const { outcome, ms } = await timed(html)
    expect(codesOf(findingsOfOutcome(outcome))).toEqual(['HTML_SCRIPT', 'HTML_SMUGGLING'])
    expect(ms).toBeLessThan(3000)
  })

  it('stays fast when stray closing tags follow deep nesting', async () => {
    const html = '<div>'.repeat(50_000) + '</span>'.repeat(100_000) + '<p>end</p>'
    const { outcome, ms } = await timed(html)
    expect(outcome.status).toBe('ok')
    expect(ms).toBeLessThan(3000)
  })

  it('reads unclosed tags and attributes without throwing', async () => {
    const html =
      '<table><tr><td><font color="#fff"><b><i><a href="http://x.example/<div style="display:none">' + '<p'.repeat(1000)
    const { outcome } = await timed(html)
    expect(outcome).toEqual({ status: 'ok', findings: [] })
  })

  it("reads 5 MB of '<' quickly (cut to maxHtmlBytes)", async () => {
    const { outcome, ms } = await timed('<'.repeat(5 * 1024 * 1024))
    expect(outcome).toEqual({ status: 'ok', findings: [] })
    expect(ms).toBeLessThan(5000)
  })

  it('reads invalid UTF-8 in the body and in an attachment', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: a@example.org\r\nTo: b@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n'),
      Buffer.from('Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      Buffer.from('<p>caf'),
      Buffer.from([0xe9, 0xff, 0xfe, 0xc3, 0x28, 0xf0, 0x28, 0x8c]),
      Buffer.from('</p><script>x()</script>\r\n'),
    ])
    const { outcome } = await timed(raw)
    expect(codesOf(findingsOfOutcome(outcome))).toEqual(['HTML_SCRIPT'])

    const page = Buffer.concat([
      Buffer.from('<html><body>'),
      Buffer.from([0xff, 0xc0, 0x80]),
      Buffer.from(smugglingPage()),
    ])
    const attached = await runEngine(htmlEngine, { attachments: [{ filename: 'x.html', content: page }] })
    expect(codesOf(findingsOfOutcome(attached))).toEqual(['HTML_SCRIPT', 'HTML_SMUGGLING'])
  })

  it('reports a timeout instead of findings once the deadline has passed, though no timer has fired', async () => {
    const message = await parseMessage(buildMessage({ html: smugglingPage() }))
    const outcome = await htmlEngine.scan(message, {
      config: HtmlConfigSchema.parse({}),
      signal: new AbortController().signal,
      deadline: createDeadline(0),
      limits: DEFAULT_LIMITS,
      organization: OrganizationSchema.parse({}),
      log: silentLogger,
    })
    expect(outcome).toMatchObject({ status: 'error', errorCode: 'Timeout' })
  })

  it('reads only maxHtmlBytes of the body', async () => {
    const html = '<p>' + 'a '.repeat(10_000) + '</p><script>x()</script>'
    const outcome = await runEngine(htmlEngine, { html }, { limits: { maxHtmlBytes: 1000 } })
    expect(findingsOfOutcome(outcome)).toEqual([])
    expect(codesOf(findingsOfOutcome(await runEngine(htmlEngine, { html })))).toEqual(['HTML_SCRIPT'])
  })
})
