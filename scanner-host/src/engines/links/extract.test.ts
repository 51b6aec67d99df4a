import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HostCache } from '../../domains/registered-domain.ts'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { createDeadline, type Deadline } from '../engine.ts'
import { extractLinks, toLink } from './extract.ts'
import { isIpHost, writtenHostOf } from './ip-host.ts'
import { shownHost } from './shown-host.ts'

const limits = DEFAULT_LIMITS

describe('extractLinks', () => {
  it('reads HTML anchors first, then text URLs, with host and registered domain', () => {
    const links = extractLinks(
      {
        html: '<a href="https://WWW.Example.co.uk/a">Example</a> <a href="mailto:x@example.com">mail</a> <a href="/relative">r</a>',
        text: 'Go to www.shop.example.org/sale',
      },
      limits,
    )
    expect(links).toEqual({
      truncated: false,
      links: [
        {
          url: 'https://www.example.co.uk/a',
          host: 'www.example.co.uk',
          writtenHost: 'www.example.co.uk',
          registeredDomain: 'example.co.uk',
          source: 'html',
          displayedText: 'Example',
        },
        {
          url: 'http://www.shop.example.org/sale',
          host: 'www.shop.example.org',
          writtenHost: 'www.shop.example.org',
          registeredDomain: 'example.org',
          source: 'text',
        },
      ],
    })
  })

  it('unwraps rewritten links and keeps the rewritten form', () => {
    const {
      links: [link],
    } = extractLinks(
      {
        html: null,
        text: 'https://eur01.safelinks.protection.outlook.com/?url=http%3A%2F%2Fexample.net%2Fdoc&data=05%7C01&reserved=0',
      },
      limits,
    )
    expect(link).toMatchObject({
      url: 'http://example.net/doc',
      host: 'example.net',
      rewrittenBy: 'Microsoft Safe Links',
      targetKnown: true,
    })
    expect(link?.rewrittenUrl).toContain('safelinks')
  })

  it('unwraps nested gateways', () => {
    const inner = 'https://urldefense.com/v3/__https://example.net/x__;!!abc!def$'
    const outer = `https://nam04.safelinks.protection.outlook.com/?url=${encodeURIComponent(inner)}&reserved=0`
    expect(toLink(outer, 'text', new HostCache())).toMatchObject({
      url: 'https://example.net/x',
      rewrittenBy: 'Microsoft Safe Links and Proofpoint URL Defense',
    })
  })

  it('marks the target unknown when wrappers nest deeper than it follows', () => {
    const google = (target: string) => `https://www.google.com/url?q=${encodeURIComponent(target)}`
    const cache = new HostCache()
    const three = toLink(google(google(google('https://paypa1.com/login'))), 'html', cache)
    expect(three).toMatchObject({ host: 'paypa1.com', redirectedVia: 'Google' })
    expect(three?.targetKnown).toBeUndefined()
    const four = toLink(google(google(google(google('https://paypa1.com/login')))), 'html', cache)
    expect(four).toMatchObject({ targetKnown: false, rewrittenBy: 'Google (nested too deep to follow)' })
    const inner = 'https://urldefense.com/v3/__https://example.net/x__;!!abc!def$'
    expect(toLink(google(google(google(inner))), 'html', cache)).toMatchObject({
      targetKnown: false,
      rewrittenBy: 'Proofpoint URL Defense (nested too deep to follow)',
    })
  })

  it('keeps the gateway URL when the target is hidden or unusable', () => {
    const link = toLink('https://protect-us.mimecast.com/s/AbCdEf?domain=example.com', 'text', new HostCache())
    expect(link).toMatchObject({ host: 'protect-us.mimecast.com', rewrittenBy: 'Mimecast', targetKnown: false })
    expect(
      toLink('https://nam12.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)', 'text', new HostCache())
        ?.targetKnown,
    ).toBe(false)
  })

  it('normalises integer IPv4 hosts but remembers how they were written', () => {
    const link = toLink('http://0xC0A80101/login', 'text', new HostCache())
    expect(link).toMatchObject({ host: '192.168.1.1', writtenHost: '0xc0a80101', registeredDomain: null })
  })

  it('honours maxLinks across both bodies and maxHtmlBytes', () => {
    const html = Array.from({ length: 10 }, (_, i) => `<a href="https://h${i}.example.com/">x</a>`).join('')
    const text = Array.from({ length: 10 }, (_, i) => `https://t${i}.example.com/`).join(' ')
    expect(extractLinks({ html, text }, { maxLinks: 12, maxHtmlBytes: 1 << 20 })).toMatchObject({
      links: { length: 12 },
      truncated: true,
    })
    expect(extractLinks({ html, text: null }, { maxLinks: 500, maxHtmlBytes: 40 }).links).toHaveLength(1)
    expect(extractLinks({ html, text }, { maxLinks: 0, maxHtmlBytes: 1 << 20 })).toEqual({ links: [], truncated: true })
    expect(extractLinks({ html, text }, { maxLinks: 20, maxHtmlBytes: 1 << 20 }).truncated).toBe(false)
  })

  it('spends the link budget on http(s) links only, and counts a link in both bodies once', () => {
    const mail = '<a href="mailto:x@example.com">x</a><a href="#top">top</a>'.repeat(20)
    const html = `${mail}<a href="https://evil.example.net/">https://www.paypal.com/</a>`
    const text = 'Same link: https://evil.example.net/ and https://other.example.org/'
    expect(extractLinks({ html, text }, { maxLinks: 2, maxHtmlBytes: 1 << 20 })).toMatchObject({
      links: [{ host: 'evil.example.net' }, { host: 'other.example.org' }],
      truncated: false,
    })
  })

  it('stops reading once the deadline has passed', () => {
    const html = Array.from({ length: 2000 }, (_, i) => `<a href="https://h${i}.example.com/">x</a>`).join('')
    const text = Array.from({ length: 2000 }, (_, i) => `https://t${i}.example.com/`).join(' ')
    expect(extractLinks({ html, text }, limits, { deadline: createDeadline(0) }).links).toEqual([])
    // A deadline that passes while the text is read stops the text loop too.
    let calls = 0
    const soon: Deadline = { at: 0, passed: () => ++calls > 1 }
    expect(extractLinks({ html: null, text }, limits, { deadline: soon }).links.length).toBeLessThan(100)
  })

  it('follows well-known open redirects to their target without calling them rewrites', () => {
    const cache = new HostCache()
    const google = toLink('https://www.google.com/url?q=https://paypa1.com/login&sa=D', 'html', cache)
    expect(google).toMatchObject({ host: 'paypa1.com', redirectedVia: 'Google' })
    expect(google?.rewrittenBy).toBeUndefined()
    const facebook = toLink(
      `https://l.facebook.com/l.php?u=${encodeURIComponent('https://www.example.org/a?b=1')}&h=AT0`,
      'html',
      cache,
    )
    expect(facebook).toMatchObject({ url: 'https://www.example.org/a?b=1', redirectedVia: 'Facebook' })
    // Only the fixed hosts and paths count, and a redirect without a web target stays as written.
    expect(toLink('https://google.evil.example/url?q=https://x.example/', 'html', cache)?.host).toBe(
      'google.evil.example',
    )
    expect(toLink('https://www.google.com/url?q=javascript:alert(1)', 'html', cache)?.host).toBe('www.google.com')
  })

  it('never throws on hostile bodies and keeps only parsable http(s) links', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 400 }), (html, text) => {
        const { links } = extractLinks(
          { html: `<a href="${html}">${text}</a>${html}`, text: `http://${text} ${html}` },
          limits,
        )
        for (const link of links) expect(link.url).toMatch(/^https?:\/\//)
      }),
    )
  })

  it('handles broken URLs, invalid percent-encoding and 1 MB lines quickly', () => {
    const text = [
      'http://%zz%/',
      'https://[::1',
      'http://a b.example/',
      'https://example.com/%E0%A4%A',
      `https://${'a'.repeat(1 << 20)}.com/`,
      `https://nam12.safelinks.protection.outlook.com/?url=%E0%A4%A${'%'.repeat(1000)}`,
    ].join('\n')
    const start = performance.now()
    const { links } = extractLinks({ html: null, text }, limits)
    expect(performance.now() - start).toBeLessThan(1000)
    expect(links.map((l) => l.host)).toContain('example.com')
  })
})

describe('ip-host helpers', () => {
  it('recognises the IP forms a URL parser produces', () => {
    expect(isIpHost('192.168.1.1')).toBe(true)
    expect(isIpHost('[2001:db8::1]')).toBe(true)
    expect(isIpHost('1.2.3.example.com')).toBe(false)
  })

  it('reads the written host without user info and port', () => {
    expect(writtenHostOf('http://www.paypal.com@3232235777:8080/x')).toBe('3232235777')
    expect(writtenHostOf('http://[::1]:80/')).toBe('[::1]')
  })
})

describe('shownHost', () => {
  const cache = new HostCache()
  it('reads URLs and domain names shown as anchor text', () => {
    expect(shownHost('https://www.paypal.com/signin', cache)).toMatchObject({
      host: 'www.paypal.com',
      registeredDomain: 'paypal.com',
    })
    expect(shownHost('(www.PayPal.com)', cache)).toMatchObject({
      shown: 'www.PayPal.com',
      registeredDomain: 'paypal.com',
    })
    expect(shownHost('amazon.com', cache)?.registeredDomain).toBe('amazon.com')
    expect(shownHost('PayPal.com/signin', cache)?.registeredDomain).toBe('paypal.com')
    expect(shownHost('192.168.0.1', cache)?.host).toBe('192.168.0.1')
  })

  it('unwraps punctuation and reads ports and paths by hand, linear in hostile text', () => {
    expect(shownHost('«https://www.paypal.com/»', cache)?.shown).toBe('https://www.paypal.com/')
    expect(shownHost('"www.example.com/x?y#z".', cache)).toMatchObject({ host: 'www.example.com' })
    for (const text of ['www.example.com:99999', 'user@example.com/x', '.com', 'example.', `a${'.'.repeat(2000)}a`]) {
      expect(shownHost(text, cache)).toBeNull()
    }
    expect(shownHost(`x${' .'.repeat(1000)}`, cache)).toBeNull()
  })

  it('ignores text that is not URL-like', () => {
    for (const text of [
      'Click here',
      'Jane Doe',
      'jane@example.com',
      'e.g.',
      'v1.2',
      'file.x',
      'mailto:jane@example.com',
      '',
    ]) {
      expect(shownHost(text, cache)).toBeNull()
    }
  })
})
