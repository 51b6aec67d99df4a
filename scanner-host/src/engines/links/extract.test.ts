import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HostCache } from '../../domains/registered-domain.ts'
import { DEFAULT_LIMITS } from '../../limits.ts'
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
    expect(links).toEqual([
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
    ])
  })

  it('unwraps rewritten links and keeps the rewritten form', () => {
    const [link] = extractLinks(
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
    expect(extractLinks({ html, text }, { maxLinks: 12, maxHtmlBytes: 1 << 20 })).toHaveLength(12)
    expect(extractLinks({ html, text: null }, { maxLinks: 500, maxHtmlBytes: 40 })).toHaveLength(1)
    expect(extractLinks({ html, text }, { maxLinks: 0, maxHtmlBytes: 1 << 20 })).toEqual([])
  })

  it('never throws on hostile bodies and keeps only parsable http(s) links', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 400 }), (html, text) => {
        const links = extractLinks(
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
    const links = extractLinks({ html: null, text }, limits)
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
