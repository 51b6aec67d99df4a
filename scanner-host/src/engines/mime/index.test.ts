import { describe, expect, it } from 'vitest'
import { codesOf, findingsOf } from '../../testing/engine-harness.ts'
import { nestedMessage } from '../../testing/hostile-messages.ts'
import { mimeEngine } from './index.ts'

describe('mime engine', () => {
  it('reports the problems parsing found', async () => {
    expect(codesOf(await findingsOf(mimeEngine, nestedMessage(100)))).toEqual(['LIMIT_NESTING'])
    expect(await findingsOf(mimeEngine, { text: 'fine' })).toEqual([])
  })

  it('reports an HTML body beyond what the HTML and link engines read', async () => {
    const padded = `<!-- ${'x'.repeat(5000)} --><form action="https://collect.example.net"><input type="password"></form>`
    const findings = await findingsOf(mimeEngine, { html: padded }, { limits: { maxHtmlBytes: 4096 } })
    expect(codesOf(findings)).toEqual(['LIMIT_HTML_SIZE'])
    expect(findings[0]?.evidence).toMatchObject({ limitChars: 4096 })
  })
})
