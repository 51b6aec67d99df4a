import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createDeadline, type Deadline } from '../engine.ts'
import { trimTrailing, urlsInText } from './text-urls.ts'

describe('urlsInText', () => {
  it('finds http, https and www. URLs in prose', () => {
    const text = 'See https://example.com/a?b=1 and http://foo.example.org, or www.bar.example.net/x.'
    expect(urlsInText(text, 10)).toEqual([
      'https://example.com/a?b=1',
      'http://foo.example.org',
      'http://www.bar.example.net/x',
    ])
  })

  it('stops at delimiters and trims sentence punctuation but keeps balanced parentheses', () => {
    expect(urlsInText('<https://example.com/x>', 10)).toEqual(['https://example.com/x'])
    expect(urlsInText('"https://example.com/y";', 10)).toEqual(['https://example.com/y'])
    expect(urlsInText('(see https://en.wikipedia.org/wiki/Foo_(bar))', 10)).toEqual([
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    ])
    expect(urlsInText('(see https://example.com/z)', 10)).toEqual(['https://example.com/z'])
  })

  it('deduplicates and honours the maximum', () => {
    const text = 'https://a.example.com https://a.example.com https://b.example.com https://c.example.com'
    expect(urlsInText(text, 2)).toEqual(['https://a.example.com', 'https://b.example.com'])
    expect(urlsInText(text, 0)).toEqual([])
  })

  it('ignores words that only resemble URLs', () => {
    expect(urlsInText('the www is big; http:// alone; awww.example.com', 10)).toEqual([])
  })

  it('stays linear on hostile input (1 MB lines)', () => {
    const inputs = [
      'a'.repeat(1 << 20),
      'http://'.repeat(150_000),
      'www.'.repeat(250_000),
      `https://${'x'.repeat(1 << 20)}`,
    ]
    for (const input of inputs) {
      const start = performance.now()
      urlsInText(input, 500)
      expect(performance.now() - start).toBeLessThan(500)
    }
  })

  it('trims long runs of trailing punctuation in linear time', () => {
    expect(trimTrailing(`http://a${'.'.repeat(5)}a...`)).toBe('http://a.....a')
    expect(trimTrailing('http://a/(b))).')).toBe('http://a/(b)')
    expect(trimTrailing('...')).toBe('')
    // Runs of dots inside a URL made a /[.]+$/ regex restart at every dot: quadratic per URL.
    const line = `http://a${'.,'.repeat(2000)}a\n`
    const text = line.repeat(Math.floor((2 << 20) / line.length))
    let checks = 0
    const deadline: Deadline = { at: 0, passed: () => (checks++, false) }
    expect(urlsInText(text, 500, { deadline })).toEqual([line.trim()])
    expect(checks).toBeGreaterThan(5)
  })

  it('skips known URLs without counting them, and stops once the deadline has passed', () => {
    const text = 'https://a.example.com https://b.example.com https://c.example.com'
    expect(urlsInText(text, 1, { known: new Set(['https://a.example.com']) })).toEqual(['https://b.example.com'])
    const many = Array.from({ length: 1000 }, (_, i) => `https://h${i}.example.com`).join(' ')
    expect(urlsInText(many, 5000, { deadline: createDeadline(0) }).length).toBeLessThan(64)
  })

  it('never throws and never exceeds the maximum', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: 5 }), (text, max) => {
        const urls = urlsInText(`${text} https://${text}`, max)
        expect(urls.length).toBeLessThanOrEqual(max)
        for (const url of urls) expect(url).toMatch(/^https?:\/\//i)
      }),
    )
  })
})
