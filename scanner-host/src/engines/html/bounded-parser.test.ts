import { describe, expect, it } from 'vitest'
import { createDeadline, type Deadline } from '../engine.ts'
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
  const finished = await feed(parser, html, createDeadline(60_000))
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

  it('stops once the deadline has passed', async () => {
    const parser = new BoundedParser({}, () => 0, 8)
    expect(await feed(parser, '<p>x</p>', createDeadline(0))).toBe(false)
  })

  it('stops between slices when the deadline passes during synchronous work', async () => {
    let calls = 0
    // Passes after the first slice, as a long synchronous write would make it: no timer involved.
    const deadline: Deadline = { at: 0, passed: () => ++calls > 1 }
    let opened = 0
    const parser = new BoundedParser({ onopentag: () => opened++ }, () => 0, 8)
    expect(await feed(parser, '<p>x</p>'.repeat(100_000), deadline)).toBe(false)
    expect(opened).toBeGreaterThan(0)
    expect(opened).toBeLessThan(100_000)
  })
})
