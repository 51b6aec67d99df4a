import { describe, expect, it } from 'vitest'
import { HostCache, hostParts, isSameOrSubdomain, normaliseHost, registeredDomain } from './registered-domain.ts'

describe('registeredDomain', () => {
  it('takes one label left of the public suffix', () => {
    expect(registeredDomain('www.paypal.com')).toBe('paypal.com')
    expect(registeredDomain('login.shop.example.co.uk')).toBe('example.co.uk')
    expect(registeredDomain('paypal.com.evil.net')).toBe('evil.net')
  })

  it('normalises case, brackets and the trailing dot', () => {
    expect(registeredDomain('WWW.Example.COM.')).toBe('example.com')
    expect(normaliseHost('[::1]')).toBe('::1')
  })

  it('ignores private suffixes so tenants share the provider domain', () => {
    expect(registeredDomain('someone.blogspot.com')).toBe('blogspot.com')
  })

  it('returns null for IP literals, bare suffixes and junk', () => {
    expect(registeredDomain('192.168.1.1')).toBeNull()
    expect(hostParts('[2001:db8::1]').isIp).toBe(true)
    expect(registeredDomain('com')).toBeNull()
    expect(registeredDomain('')).toBeNull()
    expect(registeredDomain('a..b.com')).toBeNull()
    expect(registeredDomain('x'.repeat(300) + '.com')).toBeNull()
  })

  it('tells ICANN suffixes from the default rule', () => {
    expect(hostParts('mail.example.com').isIcann).toBe(true)
    expect(hostParts('j.r.r').isIcann).toBe(false)
  })

  it('splits label, suffix and subdomain', () => {
    expect(hostParts('a.b.paypal.co.uk')).toMatchObject({ label: 'paypal', suffix: 'co.uk', subdomain: 'a.b' })
  })
})

describe('HostCache', () => {
  it('returns the same parts object for a repeated host', () => {
    const cache = new HostCache()
    expect(cache.get('www.example.com')).toBe(cache.get('www.example.com'))
  })

  it('stops caching past its bound but still answers', () => {
    const cache = new HostCache(1)
    cache.get('a.example.com')
    expect(cache.get('b.example.com')).not.toBe(cache.get('b.example.com'))
    expect(cache.get('b.example.com').registeredDomain).toBe('example.com')
  })
})

describe('isSameOrSubdomain', () => {
  it('aligns on labels', () => {
    expect(isSameOrSubdomain('paypal.com', 'paypal.com')).toBe(true)
    expect(isSameOrSubdomain('www.paypal.com', 'paypal.com')).toBe(true)
    expect(isSameOrSubdomain('notpaypal.com', 'paypal.com')).toBe(false)
  })
})
