import { describe, expect, it } from 'vitest'
import { BoundedParser, feed } from './bounded-parser.ts'

/** Parses `html` with a depth cap and records the deepest nesting and the text seen inside <script>. */
async function parse(html: string, maxDepth: number) {
  let depth = 0
  let deepest = 0
  let opens = 0
  let closes = 0
  let inScript = false
  let script = ''
  const parser = new BoundedParser(
    {
      onopentag(name) {
        opens++
        deepest = Math.max(deepest, ++depth)
        if (name === 'script') inScript = true
      },
      onclosetag(name) {
        closes++
        depth--
        if (name === 'script') inScript = false
      },
      ontext(text) {
        if (inScript) script += text
      },
    },
    () => depth,
    maxDepth,
  )
  const finished = await feed(parser, html, new AbortController().signal)
  return { finished, deepest, opens, closes, script }
}

describe('BoundedParser', () => {
  it('keeps nesting within the cap and balances every open with a close', async () => {
    const result = await parse('<div>'.repeat(100) + 'x' + '</div>'.repeat(100), 8)
    expect(result.deepest).toBeLessThanOrEqual(9)
    expect(result.opens).toBe(100)
    expect(result.closes).toBe(100)
  })

  it('nests normally below the cap', async () => {
    expect((await parse('<div><p><span>x</span></p></div>', 8)).deepest).toBe(3)
  })

  it('still reads a script below the cap as script', async () => {
    const result = await parse('<div>'.repeat(50) + '<script>if (a < b) { new Blob() }</script><p>after</p>', 8)
    expect(result.script).toBe('if (a < b) { new Blob() }')
  })

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const parser = new BoundedParser({}, () => 0, 8)
    expect(await feed(parser, '<p>x</p>', controller.signal)).toBe(false)
  })
})
