import { describe, expect, it } from 'vitest'
import { codesOf, findingsOf } from '../../testing/engine-harness.ts'
import { nestedMessage } from '../../testing/hostile-messages.ts'
import { mimeEngine } from './index.ts'

describe('mime engine', () => {
  it('reports the problems parsing found', async () => {
    expect(codesOf(await findingsOf(mimeEngine, nestedMessage(100)))).toEqual(['LIMIT_NESTING'])
    expect(await findingsOf(mimeEngine, { text: 'fine' })).toEqual([])
  })

  it('reports HTML and text bodies beyond what the HTML and link engines read', async () => {
    const padded = `<!-- ${'x'.repeat(5000)} --><form action="https://collect.example.net"><input type="password"></form>`
    const html = await findingsOf(mimeEngine, { html: padded }, { limits: { maxHtmlBytes: 4096 } })
    expect(codesOf(html)).toEqual(['LIMIT_BODY_SIZE'])
    expect(html[0]?.evidence).toMatchObject({ part: 'HTML', limitChars: 4096 })
    const text = await findingsOf(
      mimeEngine,
      { text: `${'pad '.repeat(2000)}\nhttps://collect.example.net/login` },
      {
        limits: { maxHtmlBytes: 4096 },
      },
    )
    expect(text[0]?.evidence).toMatchObject({ part: 'text' })
  })
})
