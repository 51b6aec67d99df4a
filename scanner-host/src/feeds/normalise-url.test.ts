import { describe, expect, it } from 'vitest'
import { lookupKey, parentDomains, urlKey } from './normalise-url.ts'

describe('urlKey', () => {
  it('writes one address one way', () => {
    const same = [
      'HTTP://Evil.EXAMPLE:80/a/%7euser/%41b?x=%2a#frag',
      'http://evil.example./a/~user/Ab?x=%2A',
      'http://user:pw@evil.example/a/b/../%7Euser/%61b?x=%2a',
    ]
    const keys = same.map((u) => urlKey(u))
    expect(keys[0]).toEqual({ url: 'http://evil.example/a/~user/Ab?x=%2A', host: 'evil.example', root: false })
    expect(keys[1]).toEqual(keys[0])
    expect(keys[2]?.url).toBe('http://evil.example/a/~user/ab?x=%2A')
  })

  it('keeps what changes the address: reserved escapes, non-default ports, trailing slashes', () => {
    expect(urlKey('https://e.example/a%2Fb')?.url).toBe('https://e.example/a%2Fb')
    expect(urlKey('https://e.example:8443/a/')?.url).toBe('https://e.example:8443/a/')
    expect(urlKey('https://e.example:443/a')?.url).toBe('https://e.example/a')
  })

  it('normalises hosts the way browsers do: punycode, dotted IPv4, bracketed IPv6', () => {
    expect(urlKey('https://bücher.example/')?.host).toBe('xn--bcher-kva.example')
    expect(urlKey('http://0xC0A80101/x')?.host).toBe('192.168.1.1')
    expect(urlKey('http://[2001:DB8::1]:8080/')).toEqual({
      url: 'http://[2001:db8::1]:8080/',
      host: '[2001:db8::1]',
      root: true,
    })
  })

  it('marks the site root and refuses what is not an http(s) URL', () => {
    expect(urlKey('https://e.example')?.root).toBe(true)
    expect(urlKey('https://e.example/?')?.root).toBe(true)
    expect(urlKey('https://e.example/?a')?.root).toBe(false)
    for (const bad of [
      '',
      'ftp://e.example/',
      'e.example/x',
      'javascript:alert(1)',
      'http://',
      `https://e.example/${'a'.repeat(9000)}`,
    ]) {
      expect(urlKey(bad)).toBeNull()
    }
  })
})

describe('parentDomains', () => {
  it('walks from the host to its registered domain, never to the public suffix', () => {
    expect(parentDomains('a.b.evil.co.uk')).toEqual(['a.b.evil.co.uk', 'b.evil.co.uk', 'evil.co.uk'])
    expect(parentDomains('evil.co.uk')).toEqual(['evil.co.uk'])
    expect(parentDomains('198.51.100.7')).toEqual(['198.51.100.7'])
    expect(parentDomains('[2001:db8::1]')).toEqual(['[2001:db8::1]'])
    expect(lookupKey('https://x.c2-panel.example/')?.domains).toEqual(['x.c2-panel.example', 'c2-panel.example'])
  })
})
