import { beforeAll, describe, expect, it } from 'vitest'
import { buildMessage, type TestMessage } from '../../testing/build-message.ts'
import { codesOf, findingsOf } from '../../testing/engine-harness.ts'
import type { AuthConfig } from './config.ts'
import type { DnsResolver } from './dns.ts'
import { createAuthEngine } from './index.ts'
import { type Fixture, fixture, prepend, receivedFrom, rsaKey, sign, stubDns } from './test-support.ts'

let fx: Fixture
beforeAll(() => {
  fx = fixture()
})

/** SPF needs to know the organization's receiving server. */
const SPF: Partial<AuthConfig> = { receivedBy: ['mycompany.com'] }

function message(spec: TestMessage = {}): Buffer {
  return buildMessage({ from: 'Alice <alice@example.org>', text: 'Please find the invoice attached.\n', ...spec })
}

async function scan(raw: Buffer, config: Partial<AuthConfig> = {}, resolve?: DnsResolver) {
  return findingsOf(createAuthEngine({ resolver: resolve ?? stubDns(fx.zone).resolve }), raw, { config })
}

describe('auth engine: DKIM', () => {
  it('passes an RSA signature of the From domain (AUTH_ALIGNED_PASS)', async () => {
    const findings = await scan(await sign(message(), [{ domain: 'example.org', selector: 's1', key: fx.keys.org }]))
    expect(codesOf(findings)).toEqual(['AUTH_ALIGNED_PASS'])
    expect(findings[0]).toMatchObject({
      severity: 'info',
      text: 'The message really comes from example.org: it carries a valid signature of example.org (DKIM).',
      evidence: { method: 'dkim', checkedBy: 'moat', dmarc: 'pass', dkim: ['pass d=example.org s=s1'] },
    })
  })

  it('passes an Ed25519 signature (RFC 8463)', async () => {
    const findings = await scan(await sign(message(), [{ domain: 'example.org', selector: 'ed', key: fx.keys.ed }]))
    expect(codesOf(findings)).toEqual(['AUTH_ALIGNED_PASS'])
  })

  it('fails a signature when the body was changed after signing, and does not authenticate', async () => {
    const signed = await sign(message(), [{ domain: 'example.org', selector: 's1', key: fx.keys.org }])
    const tampered = Buffer.concat([signed, Buffer.from('New bank account: XX00 1234 5678\r\n')])
    const findings = await scan(tampered)
    expect(codesOf(findings)).toEqual(['AUTH_DKIM_FAIL'])
    expect(findings[0]).toMatchObject({
      severity: 'medium',
      text: 'The message carries a signature of example.org that does not check out: the message was changed after it was signed.',
      evidence: { dkimDomains: ['example.org'], dkimSelectors: ['s1'] },
    })
  })

  it('fails a signature that covers only part of the body (l=) when text follows it', async () => {
    const raw = message()
    const bodyLength = raw.length - raw.indexOf('\r\n\r\n') - 4
    const signed = await sign(raw, [
      { domain: 'example.org', selector: 's1', key: fx.keys.org, maxBodyLength: bodyLength },
    ])
    const appended = Buffer.concat([signed, Buffer.from('Click https://evil.example/login\r\n')])
    const findings = await scan(appended)
    expect(codesOf(findings)).toEqual(['AUTH_DKIM_FAIL'])
    expect(findings[0]?.text).toContain('it covers only part of the message')
  })

  it('fails keys shorter than minRsaBits (RFC 8301)', async () => {
    const weak = rsaKey(1024)
    const zone = { ...fx.zone, 'TXT weak._domainkey.example.org': weak.record }
    const signed = await sign(message(), [{ domain: 'example.org', selector: 'weak', key: weak }])
    const findings = await scan(signed, { minRsaBits: 2048 }, stubDns(zone).resolve)
    expect(codesOf(findings)).toEqual(['AUTH_DKIM_FAIL'])
    expect(findings[0]?.text).toContain('its key is too short to be trusted')
  })

  it('fails a signature whose key is not published', async () => {
    const findings = await scan(await sign(message(), [{ domain: 'example.org', selector: 'gone', key: fx.keys.org }]))
    expect(findings[0]?.text).toContain('the signing domain publishes no key for it')
  })

  it('does not authenticate a valid signature of another domain; with SPF checked, DMARC fails', async () => {
    const signed = await sign(message(), [{ domain: 'example.net', selector: 's1', key: fx.keys.net }])
    const raw = prepend(
      signed,
      'Return-Path: <bounce@mailer.example.net>',
      receivedFrom('203.0.113.9', 'mailer.example.net'),
    )
    const findings = await scan(raw, SPF)
    expect(codesOf(findings)).toEqual(['AUTH_DMARC_FAIL'])
    expect(findings[0]).toMatchObject({
      severity: 'high',
      text: 'The message claims to come from example.org, but neither a signature of example.org nor the sending server proves it, and example.org asks receivers to reject such mail (DMARC p=reject).',
      evidence: { dmarc: 'fail', dmarcPolicy: 'reject', spf: 'none', dkim: ['pass d=example.net s=s1'] },
    })
  })

  it('does not claim a DMARC failure when SPF could not be checked (no receivedBy)', async () => {
    const signed = await sign(message(), [{ domain: 'example.net', selector: 's1', key: fx.keys.net }])
    const findings = await scan(signed)
    expect(codesOf(findings)).toEqual(['AUTH_NONE'])
    expect(findings[0]).toMatchObject({ severity: 'low', evidence: { dmarc: 'unknown' } })
  })

  it('verifies at most maxSignatures keys; the rest count as failing, not as a DNS error', async () => {
    const signers = [
      { domain: 'example.net', selector: 's1', key: fx.keys.net },
      { domain: 'example.net', selector: 'x1', key: fx.keys.net },
      { domain: 'example.net', selector: 'x2', key: fx.keys.net },
      { domain: 'example.org', selector: 's1', key: fx.keys.org },
    ]
    const findings = await scan(await sign(message(), signers), { maxSignatures: 1 })
    expect(codesOf(findings)).toEqual(['AUTH_DKIM_FAIL'])
    expect(findings[0]?.evidence.reasons).toContain('not verified: the message carries too many signatures')
  })
})

describe('auth engine: SPF', () => {
  const withTrace = (raw: Buffer, returnPath: string, ip: string) =>
    prepend(raw, `Return-Path: <${returnPath}>`, receivedFrom(ip))

  it('passes SPF for an address the From domain lists, read from the border Received header', async () => {
    const findings = await scan(withTrace(message(), 'alice@example.org', '192.0.2.10'), SPF)
    expect(codesOf(findings)).toEqual(['AUTH_ALIGNED_PASS'])
    expect(findings[0]).toMatchObject({
      text: 'The message really comes from example.org: it was sent by a server that example.org allows to send its mail (SPF).',
      evidence: { method: 'spf', spf: 'pass', spfDomain: 'example.org', clientIp: '192.0.2.10' },
    })
  })

  it('follows include: and redirect= (RFC 7208 s5.2, s6.1)', async () => {
    const included = await scan(withTrace(message(), 'alice@example.org', '198.51.100.7'), SPF)
    expect(codesOf(included)).toEqual(['AUTH_ALIGNED_PASS'])
    const redirected = await scan(withTrace(message(), 'bounce@bounce.example.org', '192.0.2.10'), SPF)
    expect(redirected[0]?.evidence).toMatchObject({ method: 'spf', authenticatedDomain: 'bounce.example.org' })
  })

  it('fails SPF and DMARC (p=reject) for a server the domain does not list', async () => {
    const findings = await scan(withTrace(message(), 'alice@example.org', '203.0.113.66'), SPF)
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['AUTH_DMARC_FAIL', 'high'],
      ['AUTH_SPF_FAIL', 'medium'],
    ])
    expect(findings[1]?.text).toBe(
      'The server that delivered the message (203.0.113.66) is not one that example.org allows to send its mail (SPF fail).',
    )
  })

  it('reports softfail low, and DMARC p=none as a monitored failure', async () => {
    const raw = withTrace(message({ from: 'bob@example.com' }), 'bob@example.com', '203.0.113.66')
    const findings = await scan(raw, SPF)
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['AUTH_DMARC_FAIL_MONITOR', 'medium'],
      ['AUTH_SPF_SOFTFAIL', 'low'],
    ])
  })

  it('skips internal hops and ignores Received headers the sender wrote below the border', async () => {
    const raw = prepend(
      message(),
      'Return-Path: <alice@example.org>',
      `Received: from localhost (localhost [127.0.0.1]) by ${'mx.mycompany.com'} (amavis); Fri, 20 Nov 2026 10:00:06 +0000`,
      receivedFrom('203.0.113.66', 'mail.example.org'),
      receivedFrom('192.0.2.10', 'mail.example.org'),
    )
    const findings = await scan(raw, SPF)
    expect(findings.find((f) => f.code === 'AUTH_SPF_FAIL')?.evidence.clientIp).toBe('203.0.113.66')
  })

  it('lets an aligned signature win over an SPF failure from forwarding', async () => {
    const signed = await sign(message(), [{ domain: 'example.org', selector: 's1', key: fx.keys.org }])
    const findings = await scan(withTrace(signed, 'alice@example.org', '203.0.113.66'), SPF)
    expect(codesOf(findings)).toEqual(['AUTH_ALIGNED_PASS'])
    expect(findings[0]?.evidence).toMatchObject({ method: 'dkim', spf: 'fail' })
  })
})

describe('auth engine: the From field', () => {
  it('refuses to vouch for a message with two From fields (RFC 7489 s6.6.1)', async () => {
    const signed = await sign(message({ headers: { From: 'ceo@mycompany.com' } }), [
      { domain: 'example.org', selector: 's1', key: fx.keys.org },
    ])
    const findings = await scan(signed)
    expect(codesOf(findings)).toEqual(['AUTH_FROM_UNVERIFIABLE'])
    expect(findings[0]?.evidence.problem).toBe('multiple')
  })

  it('reports a missing From and one without a domain', async () => {
    const missing = Buffer.from('To: bob@example.com\r\nSubject: hi\r\n\r\nhello\r\n')
    expect((await scan(missing))[0]?.evidence.problem).toBe('missing')
    const invalid = Buffer.from('From: alice\r\nTo: bob@example.com\r\nSubject: hi\r\n\r\nhello\r\n')
    expect((await scan(invalid))[0]?.evidence.problem).toMatch(/missing|invalid/)
  })
})
