import { describe, expect, it } from 'vitest'
import { DEFAULT_BRAND_DOMAINS } from './brands.ts'
import { lookalikeOf, lookalikeSeverity, protectedDomains } from './lookalike.ts'
import { hostParts } from './registered-domain.ts'

const PAYPAL = ['paypal.com']

describe('lookalikeOf', () => {
  it('never calls the protected domain or its subdomains a look-alike', () => {
    expect(lookalikeOf('paypal.com', PAYPAL)).toBeNull()
    expect(lookalikeOf('www.paypal.com', PAYPAL)).toBeNull()
    expect(lookalikeOf('a.b.PAYPAL.com.', PAYPAL)).toBeNull()
  })

  it('finds homoglyph skeleton matches, punycode or Unicode', () => {
    expect(lookalikeOf('paypa1.com', PAYPAL)).toEqual({ protectedDomain: 'paypal.com', kind: 'homoglyph' })
    expect(lookalikeOf('xn--pypal-4ve.com', PAYPAL)?.kind).toBe('homoglyph')
    expect(lookalikeOf('p\u0430ypal.com', PAYPAL)?.kind).toBe('homoglyph')
    expect(lookalikeOf('rnicrosoft.com', ['microsoft.com'])?.kind).toBe('homoglyph')
  })

  it('finds typos within one edit for mid-length names and two for long ones', () => {
    expect(lookalikeOf('paypall.com', PAYPAL)).toEqual({
      protectedDomain: 'paypal.com',
      kind: 'edit-distance',
      distance: 1,
    })
    expect(lookalikeOf('papyal.net', PAYPAL)?.kind).toBe('edit-distance')
    expect(lookalikeOf('paypail.com', PAYPAL)?.kind).toBe('edit-distance')
    expect(lookalikeOf('paypalll.com', PAYPAL)).toBeNull()
    expect(lookalikeOf('bankofamerlca.com', ['bankofamerica.com'])).toMatchObject({ kind: 'edit-distance' })
  })

  it('does not apply edit distance to short names', () => {
    expect(lookalikeOf('apply.com', ['apple.com'])).toBeNull()
    expect(lookalikeOf('email.com', ['gmail.com'])).toBeNull()
  })

  it('finds the protected name embedded in another domain', () => {
    expect(lookalikeOf('paypal-secure-login.com', PAYPAL)?.kind).toBe('embedded')
    expect(lookalikeOf('secure-paypal.net', PAYPAL)?.kind).toBe('embedded')
    expect(lookalikeOf('paypal.com.evil.net', PAYPAL)?.kind).toBe('embedded')
    expect(lookalikeOf('www.paypal.com-verify.info', PAYPAL)?.kind).toBe('embedded')
    expect(lookalikeOf('dhl-tracking.com', ['dhl.*'])?.kind).toBe('embedded')
  })

  it('does not treat SaaS tenant names or short names inside words as embedding', () => {
    expect(lookalikeOf('mycompany.sharepoint.com', ['mycompany.com'])).toBeNull()
    expect(lookalikeOf('mycompany-my.sharepoint.com', ['mycompany.com'])).toBeNull()
    expect(lookalikeOf('pop-ups.com', ['ups.com'])).toBeNull()
  })

  it('finds the same name under another ending for exact entries', () => {
    expect(lookalikeOf('paypal.co', PAYPAL)).toEqual({ protectedDomain: 'paypal.com', kind: 'other-tld' })
    expect(lookalikeOf('mycompany.co.uk', ['mycompany.com'])?.kind).toBe('other-tld')
  })

  it('lets name.* entries own every public suffix', () => {
    expect(lookalikeOf('amazon.co.uk', ['amazon.*'])).toBeNull()
    expect(lookalikeOf('paypal.me', ['paypal.*'])).toBeNull()
    expect(lookalikeOf('arnazon.de', ['amazon.*'])).toEqual({ protectedDomain: 'amazon.*', kind: 'homoglyph' })
    expect(lookalikeOf('paypal.com.evil.net', ['paypal.*'])?.kind).toBe('embedded')
  })

  it('prefers the strongest explanation across entries', () => {
    expect(lookalikeOf('paypa1.com', ['paypai.com', 'paypal.com'])).toEqual({
      protectedDomain: 'paypal.com',
      kind: 'homoglyph',
    })
  })

  it('stays quiet on unrelated domains, IP literals and junk', () => {
    for (const host of ['example.com', 'newsletter.example.org', '192.168.1.1', '', '..', 'com', 'a'.repeat(1000)]) {
      expect(lookalikeOf(host, DEFAULT_BRAND_DOMAINS)).toBeNull()
    }
  })

  it('does not flag real brand domains against the default list', () => {
    for (const host of [
      'www.amazon.de',
      'accounts.google.com',
      'paypal-communication.com',
      'login.microsoftonline.com',
      'www.linkedin.com',
      'email.apple.com',
    ]) {
      expect(lookalikeOf(host, DEFAULT_BRAND_DOMAINS)).toBeNull()
    }
  })

  it('ignores unusable entries', () => {
    expect(protectedDomains(['', 'com', '*', 'a.b.*']).size).toBe(0)
  })

  it("counts a brand's sibling domains as its own without making their words imitable", () => {
    for (const host of [
      'outlook.de',
      'mail.outlook.co.uk',
      'hotmail.co.uk',
      'hotmail.fr',
      'login.live.com',
      'm.media-amazon.com',
      'images-na.ssl-images-amazon.com',
      'c.amazon-adsystem.com',
    ]) {
      expect(lookalikeOf(host, DEFAULT_BRAND_DOMAINS)).toBeNull()
    }
    // Generic endings are open to anyone, and ordinary words are not a brand.
    expect(lookalikeOf('outlook.top', DEFAULT_BRAND_DOMAINS)).toMatchObject({ kind: 'other-tld' })
    expect(lookalikeOf('outlook-verify.com', DEFAULT_BRAND_DOMAINS)).toMatchObject({ kind: 'embedded' })
    expect(lookalikeOf('live-music.example', DEFAULT_BRAND_DOMAINS)).toBeNull()
    expect(lookalikeOf('officer.com', DEFAULT_BRAND_DOMAINS)).toBeNull()
    // Siblings come with their brand only.
    expect(lookalikeOf('outlook.de', ['outlook.com'])).toMatchObject({ kind: 'other-tld' })
  })

  it('counts one replaced letter only as a typo: a neighbouring key or a look-alike', () => {
    expect(lookalikeOf('paypay.ne.jp', DEFAULT_BRAND_DOMAINS)).toBeNull()
    expect(lookalikeOf('paypay.co.jp', ['paypal.*'])).toBeNull()
    expect(lookalikeOf('paypai.com', ['paypal.*'])).toMatchObject({ kind: 'edit-distance', distance: 1 })
    expect(lookalikeOf('paypak.com', ['paypal.*'])).toMatchObject({ kind: 'edit-distance' })
    expect(lookalikeOf('amazom.com', ['amazon.*'])).toMatchObject({ kind: 'edit-distance' })
    // Under the protected domain's own ending any single edit still counts.
    expect(lookalikeOf('paypay.com', PAYPAL)).toMatchObject({ kind: 'edit-distance' })
  })

  it('counts any single edit under generic endings for name.* brands', () => {
    for (const host of ['paypel.com', 'paybal.com', 'amazen.com', 'paypay.com']) {
      expect(lookalikeOf(host, DEFAULT_BRAND_DOMAINS)).toMatchObject({ kind: 'edit-distance', distance: 1 })
    }
    expect(lookalikeOf('paypay.ne.jp', DEFAULT_BRAND_DOMAINS)).toBeNull()
  })

  it('does not count hosts under shared-hosting domains or open country endings as a brand sibling', () => {
    expect(lookalikeOf('paypal.com.z13.web.core.windows.net', DEFAULT_BRAND_DOMAINS)).toMatchObject({
      kind: 'embedded',
      asDomain: true,
    })
    expect(lookalikeOf('acme.com.onmicrosoft.com', ['acme.com', ...DEFAULT_BRAND_DOMAINS])).toMatchObject({
      kind: 'embedded',
    })
    expect(lookalikeOf('paypal.com.evil.sharepointonline.com', DEFAULT_BRAND_DOMAINS)?.kind).toBe('embedded')
    const list = protectedDomains(DEFAULT_BRAND_DOMAINS)
    for (const host of ['outlook.co', 'outlook.cc', 'outlook.me', 'outlook.ws', 'outlook.com.ng', 'x.windows.net']) {
      expect(list.isGenuine(hostParts(host))).toBe(false)
    }
    for (const host of ['outlook.de', 'hotmail.co.uk', 'live.co.uk', 'login.live.com']) {
      expect(list.isGenuine(hostParts(host))).toBe(true)
    }
  })

  it('rates a name used as a word lower unless the host adds a lure or fakes an address', () => {
    const severity = (host: string) => {
      const found = lookalikeOf(host, DEFAULT_BRAND_DOMAINS)
      return found && lookalikeSeverity(host, found)
    }
    expect(severity('apple-valley.k12.mn.us')).toBe('medium')
    expect(severity('amazon-river-tours.com')).toBe('medium')
    expect(severity('adobe-homes.com')).toBe('medium')
    expect(severity('paypal-secure-login.com')).toBe('high')
    expect(severity('appleid.apple-verify-account.com')).toBe('high')
    expect(severity('dhl-tracking.com')).toBe('high')
    expect(severity('paypal.com.evil.net')).toBe('high')
    expect(severity('paypa1.com')).toBe('high')
    expect(severity('amazon.shop')).toBeNull()
    // The brand plus one service word as the whole name, on a generic ending, is the brand's own look.
    for (const host of ['paypal-service.com', 'dhl-express.top', 'microsoft-teams.net', 'amazon-prime.net']) {
      expect(severity(host)).toBe('high')
    }
  })
})
