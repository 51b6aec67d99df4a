import { describe, expect, it } from 'vitest'
import { dnsError } from './dns.ts'
import { evaluateDmarc, isAligned, lookupDmarcRecord } from './dmarc.ts'
import type { DkimCheck, SpfCheck } from './outcome.ts'
import { stubDns } from './test-support.ts'

describe('lookupDmarcRecord (RFC 7489 s6.6.3)', () => {
  const zone = {
    'TXT _dmarc.example.org': 'v=DMARC1; p=reject; sp=none; adkim=s',
    'TXT _dmarc.example.com': ['v=DMARC1; p=reject', 'v=DMARC1; p=none'],
    'TXT _dmarc.example.net': 'v=DMARC1; p=bogus; rua=mailto:d@example.net',
    'TXT _dmarc.example.edu': 'v=DMARC1; p=bogus',
  }

  it('finds the record of the domain, or of its organizational domain with sp=', async () => {
    const { resolve } = stubDns(zone)
    expect(await lookupDmarcRecord('example.org', resolve)).toMatchObject({
      policy: 'reject',
      strictDkim: true,
      strictSpf: false,
    })
    expect(await lookupDmarcRecord('news.example.org', resolve)).toMatchObject({
      policy: 'none',
      domain: 'example.org',
    })
  })

  it('has no policy for several records, or an invalid p= without rua', async () => {
    const { resolve } = stubDns(zone)
    expect(await lookupDmarcRecord('example.com', resolve)).toBeNull()
    expect(await lookupDmarcRecord('example.edu', resolve)).toBeNull()
    expect(await lookupDmarcRecord('example.net', resolve)).toMatchObject({ policy: 'none' })
    expect(await lookupDmarcRecord('nothing.example', resolve)).toBeNull()
  })

  it('is a temporary error when DNS fails', async () => {
    const failing = async () => {
      throw dnsError('ETIMEOUT', 'timeout')
    }
    expect(await lookupDmarcRecord('example.org', failing)).toBe('temperror')
  })
})

describe('alignment (RFC 7489 s3.1)', () => {
  it('is relaxed by organizational domain, strict by exact domain, and respects private suffixes', () => {
    expect(isAligned('mail.example.org', 'example.org', false)).toBe(true)
    expect(isAligned('mail.example.org', 'example.org', true)).toBe(false)
    expect(isAligned('example.org.evil.example', 'example.org', false)).toBe(false)
    expect(isAligned('attacker.github.io', 'victim.github.io', false)).toBe(false)
  })

  const pass = (domain: string): DkimCheck => ({ domain, selector: 's', result: 'pass', reason: null })
  const spf = (result: SpfCheck['result'], domain = 'example.org'): SpfCheck => ({
    result,
    domain,
    clientIp: null,
    helo: null,
  })
  const record = { policy: 'reject' as const, strictDkim: false, strictSpf: false, domain: 'example.org' }

  it('passes on an aligned DKIM or SPF pass, and names it', () => {
    expect(evaluateDmarc('example.org', null, [pass('mail.example.org')], record)).toMatchObject({
      result: 'pass',
      alignedBy: 'dkim',
      alignedDomain: 'mail.example.org',
    })
    expect(evaluateDmarc('example.org', spf('pass'), [], record)).toMatchObject({ result: 'pass', alignedBy: 'spf' })
    expect(evaluateDmarc('example.org', spf('pass'), [], null)).toMatchObject({ result: 'none', alignedBy: 'spf' })
  })

  it('claims a failure only when it is shown', () => {
    expect(evaluateDmarc('example.org', spf('fail'), [pass('example.net')], record).result).toBe('fail')
    expect(evaluateDmarc('example.org', null, [pass('example.net')], record).result).toBe('unknown')
    expect(evaluateDmarc('example.org', spf('temperror'), [], record).result).toBe('temperror')
    // A DNS failure for somebody else's domain changes nothing.
    expect(evaluateDmarc('example.org', spf('temperror', 'example.net'), [], record).result).toBe('fail')
    expect(evaluateDmarc('example.org', spf('fail'), [], 'temperror').result).toBe('temperror')
    expect(evaluateDmarc('example.org', spf('fail'), [], null).result).toBe('none')
  })
})
