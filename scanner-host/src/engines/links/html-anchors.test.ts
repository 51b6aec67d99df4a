import { describe, expect, it } from 'vitest'
import { createDeadline, type Deadline } from '../engine.ts'
import { anchorsInHtml } from './html-anchors.ts'

describe('anchorsInHtml', () => {
  it('reads href and displayed text, decoding entities and collapsing whitespace', () => {
    const html =
      '<p>Hi <A HREF="https://example.com/?a=1&amp;b=2">Your\n  <b>account</b></a> and <area href="https://map.example.com/">'
    expect(anchorsInHtml(html, 10)).toEqual([
      { href: 'https://example.com/?a=1&b=2', text: 'Your account' },
      { href: 'https://map.example.com/' },
    ])
  })

  it('ends an unclosed anchor at the next one and at the end of the document', () => {
    expect(anchorsInHtml('<a href="https://a.example">one<a href="https://b.example">two', 10)).toEqual([
      { href: 'https://a.example', text: 'one' },
      { href: 'https://b.example', text: 'two' },
    ])
  })

  it('skips anchors without href, drops duplicates and honours the maximum', () => {
    const html =
      '<a name="top">x</a>' +
      '<a href="https://a.example">same</a>'.repeat(3) +
      '<a href="https://b.example">b</a><a href="https://c.example">c</a>'
    expect(anchorsInHtml(html, 2)).toEqual([
      { href: 'https://a.example', text: 'same' },
      { href: 'https://b.example', text: 'b' },
    ])
  })

  it('cuts very long anchor text', () => {
    const [anchor] = anchorsInHtml(`<a href="https://a.example">${'word '.repeat(10_000)}</a>`, 1)
    expect(anchor?.text?.length).toBeLessThanOrEqual(300)
  })

  it('stops between slices once the deadline has passed', () => {
    expect(anchorsInHtml('<a href="https://a.example">a</a>', 10, { deadline: createDeadline(0) })).toEqual([])
    // Passing after the first slice: later slices are not read.
    let calls = 0
    const deadline: Deadline = { at: 0, passed: () => ++calls > 1 }
    const html = `<a href="https://a.example">a</a>${' '.repeat(200_000)}<a href="https://b.example">b</a>`
    expect(anchorsInHtml(html, 10, { deadline })).toEqual([{ href: 'https://a.example', text: 'a' }])
  })

  it('counts only the anchors `keep` accepts against the maximum', () => {
    const html = '<a href="mailto:a@example.com">a</a><a href="https://b.example">b</a>'
    expect(anchorsInHtml(html, 1, { keep: (href) => href.startsWith('https:') })).toEqual([
      { href: 'https://b.example', text: 'b' },
    ])
  })

  it('reads the text of an anchor nested below the depth cap, and stays bounded on nested anchors', () => {
    const deep = `${'<div>'.repeat(1000)}<a href="https://evil.example"><b>www.paypal.com</b></a> after`
    expect(anchorsInHtml(deep, 10)).toEqual([{ href: 'https://evil.example', text: 'www.paypal.com' }])
    let calls = 0
    const deadline: Deadline = { at: 0, passed: () => (calls++, false) }
    const nested = '<a href="https://a.example">x'.repeat(100_000)
    expect(anchorsInHtml(nested, 5, { deadline })).toHaveLength(1)
    expect(calls).toBeGreaterThan(10)
  })

  it('keeps an anchor below the depth cap real after an unclosed anchor above it', () => {
    const html = `<a href="https://a.example">a${'<div>'.repeat(300)}<a href="https://evil.example">www.paypal.com</a>`
    expect(anchorsInHtml(html, 10)).toContainEqual({ href: 'https://evil.example', text: 'www.paypal.com' })
  })

  it('survives broken and huge HTML', () => {
    const html =
      '<a href="https://a.example"' + '<div '.repeat(100_000) + '<<<>>>&#xFFFFFFFF;<a href=' + '"'.repeat(1000)
    const start = performance.now()
    expect(() => anchorsInHtml(html, 500)).not.toThrow()
    expect(performance.now() - start).toBeLessThan(2000)
  })
})
