import { beforeAll, describe, expect, it } from 'vitest'
import { buildMessage } from '../../testing/build-message.ts'
import { codesOf, findingsOf } from '../../testing/engine-harness.ts'
import type { AuthConfig } from './config.ts'
import type { DnsResolver } from './dns.ts'
import { createAuthEngine } from './index.ts'
import { type Fixture, fixture, MX, prepend, refusingDns, seal, sign, stubDns } from './test-support.ts'

let fx: Fixture
beforeAll(() => {
  fx = fixture()
})

const TRUSTED: Partial<AuthConfig> = { trustedAuthservIds: [MX] }

function message(): Buffer {
  return buildMessage({ from: 'Alice <alice@example.org>', text: 'Please find the invoice attached.\n' })
}

async function scan(raw: Buffer, config: Partial<AuthConfig>, resolve: DnsResolver) {
  return findingsOf(createAuthEngine({ resolver: resolve }), raw, { config })
}

describe('auth engine: trusted Authentication-Results (RFC 8601)', () => {
  it("uses the organization's own server's results and asks DNS nothing", async () => {
    const dns = refusingDns()
    const raw = prepend(
      message(),
      `Authentication-Results: ${MX};\r\n dkim=pass header.d=example.org header.s=s1 header.b=abc;\r\n spf=pass smtp.mailfrom=alice@example.org;\r\n dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org`,
    )
    const findings = await scan(raw, TRUSTED, dns.resolve)
    expect(dns.asked).toEqual([])
    expect(codesOf(findings)).toEqual(['AUTH_ALIGNED_PASS'])
    expect(findings[0]?.evidence).toMatchObject({ checkedBy: MX, method: 'dkim', dmarc: 'pass' })
  })

  it('reports a DMARC failure the trusted server saw, with the policy from its comment', async () => {
    const dns = refusingDns()
    const raw = prepend(
      message(),
      `Authentication-Results: ${MX}; dkim=none; spf=fail smtp.mailfrom=example.org smtp.remote-ip=203.0.113.66; dmarc=fail (p=REJECT sp=REJECT dis=REJECT) header.from=example.org`,
    )
    const findings = await scan(raw, TRUSTED, dns.resolve)
    expect(dns.asked).toEqual([])
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['AUTH_DMARC_FAIL', 'high'],
      ['AUTH_SPF_FAIL', 'medium'],
    ])
    expect(findings[1]?.evidence.clientIp).toBe('203.0.113.66')
  })

  it('ignores a forged Authentication-Results from an untrusted authserv-id and checks itself', async () => {
    const dns = stubDns(fx.zone)
    const raw = prepend(
      message(),
      'Authentication-Results: mx.evil.example; dkim=pass header.d=example.org; dmarc=pass header.from=example.org',
      'Authentication-Results: dkim=pass header.d=example.org; dmarc=pass action=none header.from=example.org',
    )
    const findings = await scan(raw, TRUSTED, dns.resolve)
    expect(codesOf(findings)).toEqual(['AUTH_NONE'])
    expect(findings[0]?.evidence.checkedBy).toBe('moat')
    expect(dns.asked).toContain('TXT _dmarc.example.org')
  })

  it('does not take a DMARC pass the trusted server reported for another From domain', async () => {
    const dns = stubDns(fx.zone)
    const raw = prepend(message(), `Authentication-Results: ${MX}; dmarc=pass header.from=mycompany.com`)
    const findings = await scan(raw, TRUSTED, dns.resolve)
    expect(codesOf(findings)).toEqual(['AUTH_NONE'])
    expect(findings[0]?.evidence).toMatchObject({ checkedBy: MX, dmarc: 'unknown' })
  })

  it('looks up only the DMARC record when the trusted server reported SPF and DKIM but not DMARC', async () => {
    const dns = stubDns(fx.zone)
    const raw = prepend(
      message(),
      `Authentication-Results: ${MX}; spf=pass smtp.mailfrom=bounce@bounce.example.org`,
      `Authentication-Results: ${MX}; dkim=fail (bad signature) header.d=example.org header.s=s1`,
    )
    const findings = await scan(raw, TRUSTED, dns.resolve)
    expect(dns.asked).toEqual(['TXT _dmarc.example.org'])
    expect(codesOf(findings)).toEqual(['AUTH_ALIGNED_PASS'])
    expect(findings[0]?.evidence).toMatchObject({ method: 'spf', authenticatedDomain: 'bounce.example.org' })
  })
})

describe('auth engine: ARC (RFC 8617)', () => {
  const LIST_RESULTS =
    'lists.example.net; dkim=pass header.d=example.org header.s=s1; spf=pass smtp.mailfrom=alice@example.org; dmarc=pass header.from=example.org'
  const listSealer = () => ({ domain: 'lists.example.net', selector: 'arc', key: fx.keys.list })

  /** Alice signs; the list adds a footer (breaking her signature) and seals what it saw. */
  async function forwardedByList(): Promise<Buffer> {
    const signed = await sign(message(), [{ domain: 'example.org', selector: 's1', key: fx.keys.org }])
    const footer = Buffer.concat([signed, Buffer.from('--\r\nYou are subscribed to list@lists.example.net\r\n')])
    return seal(footer, listSealer(), LIST_RESULTS)
  }

  it('lets a trusted sealer vouch for the sender when forwarding broke DKIM', async () => {
    const findings = await scan(
      await forwardedByList(),
      { trustedArcSealers: ['lists.example.net'] },
      stubDns(fx.zone).resolve,
    )
    expect(codesOf(findings)).toEqual(['AUTH_ALIGNED_PASS'])
    expect(findings[0]).toMatchObject({
      text: 'The message really comes from example.org: lists.example.net, which forwarded it, checked the sender before changing the message (ARC).',
      evidence: { method: 'arc', arcSealer: 'lists.example.net', arcInstance: 1, arcReported: 'dmarc' },
    })
  })

  it('does not let an untrusted sealer vouch', async () => {
    const findings = await scan(await forwardedByList(), {}, stubDns(fx.zone).resolve)
    expect(codesOf(findings)).toEqual(['AUTH_DKIM_FAIL'])
  })

  it('does not accept a trusted sealer whose seal no longer validates', async () => {
    const sealed = await forwardedByList()
    const changed = Buffer.concat([sealed, Buffer.from('P.S. new bank details\r\n')])
    const findings = await scan(changed, { trustedArcSealers: ['lists.example.net'] }, stubDns(fx.zone).resolve)
    expect(codesOf(findings)).toEqual(['AUTH_DKIM_FAIL'])
  })

  it('trusts an arc=pass from the trusted server without checking the chain again', async () => {
    const dns = refusingDns()
    const raw = prepend(
      await forwardedByList(),
      `Authentication-Results: ${MX}; dkim=fail header.d=example.org; arc=pass; dmarc=fail (p=REJECT) header.from=example.org`,
    )
    const findings = await scan(raw, { ...TRUSTED, trustedArcSealers: ['lists.example.net'] }, dns.resolve)
    expect(dns.asked).toEqual([])
    expect(codesOf(findings)).toEqual(['AUTH_ALIGNED_PASS'])
    expect(findings[0]?.evidence).toMatchObject({ method: 'arc', checkedBy: MX })
  })
})
