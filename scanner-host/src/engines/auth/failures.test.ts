import { beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../log.ts'
import { buildMessage } from '../../testing/build-message.ts'
import { codesOf, findingsOf, runEngine } from '../../testing/engine-harness.ts'
import { AuthConfigSchema, type AuthConfig } from './config.ts'
import { DnsBreaker } from './dns-breaker.ts'
import { type DnsResolver, dnsError } from './dns.ts'
import { createAuthEngine } from './index.ts'
import { type Fixture, fixture, prepend, receivedFrom, sign, silentDns, stubDns } from './test-support.ts'

let fx: Fixture
let signed: Buffer
beforeAll(async () => {
  fx = fixture()
  signed = await sign(buildMessage({ from: 'alice@example.org', text: 'Invoice attached.\n' }), [
    { domain: 'example.org', selector: 's1', key: fx.keys.org },
  ])
})

const servfail: DnsResolver = async (name) => {
  throw dnsError('ESERVFAIL', `queryTxt ESERVFAIL ${name}`)
}

describe('auth engine: DNS failures are never a pass', () => {
  it('reports a temporary error, not a pass, when DNS does not answer in time', async () => {
    const engine = createAuthEngine({ resolver: silentDns })
    const findings = await findingsOf(engine, signed, { config: { dnsTimeoutMs: 50 } })
    expect(codesOf(findings)).toEqual(['AUTH_TEMPERROR'])
    expect(findings[0]).toMatchObject({ severity: 'info' })
    expect(findings[0]?.evidence.dkim).toEqual(['temperror d=example.org s=s1 (DNS failure: ETIMEOUT)'])
  })

  it('reports SERVFAIL as a temporary error for DKIM, SPF and DMARC alike', async () => {
    const raw = prepend(signed, 'Return-Path: <alice@example.org>', receivedFrom('192.0.2.10'))
    const engine = createAuthEngine({ resolver: servfail })
    const findings = await findingsOf(engine, raw, { config: { receivedBy: ['mycompany.com'] } })
    expect(codesOf(findings)).toEqual(['AUTH_TEMPERROR'])
    expect(findings[0]?.evidence).toMatchObject({ spf: 'temperror', dmarc: 'temperror' })
  })

  it('is a timeout, not a clean result, when the deadline passes before anything is known', async () => {
    const engine = createAuthEngine({ resolver: silentDns })
    const outcome = await runEngine(engine, signed, { config: { dnsTimeoutMs: 30_000 }, timeoutMs: 200 })
    expect(outcome).toMatchObject({ status: 'error', errorCode: 'Timeout' })
  })

  it('keeps what was learnt before the deadline: a body changed after signing needs no DNS', async () => {
    const tampered = Buffer.concat([signed, Buffer.from('Changed.\r\n')])
    const engine = createAuthEngine({ resolver: silentDns })
    const outcome = await runEngine(engine, tampered, { config: { dnsTimeoutMs: 30_000 }, timeoutMs: 200 })
    expect(outcome.status).toBe('ok')
    if (outcome.status === 'ok') expect(codesOf(outcome.findings)).toEqual(['AUTH_DKIM_FAIL', 'AUTH_TEMPERROR'])
  })

  it('treats a resolver that throws at once as a DNS failure', async () => {
    const weird: DnsResolver = () => {
      throw new TypeError('resolver bug')
    }
    const outcome = await runEngine(createAuthEngine({ resolver: weird }), signed)
    expect(outcome.status).toBe('ok')
    if (outcome.status === 'ok') expect(codesOf(outcome.findings)).toEqual(['AUTH_TEMPERROR'])
  })
})

describe('auth engine: DNS that has stopped answering', () => {
  it('after five silent questions in a row, fails questions at once instead of waiting each out', async () => {
    const engine = createAuthEngine({ resolver: silentDns })
    const config = { dnsTimeoutMs: 20 }
    const runs = []
    for (let i = 0; i < 4; i++) runs.push(await findingsOf(engine, signed, { config }))
    expect(runs.map(codesOf)).toEqual(Array(4).fill(['AUTH_TEMPERROR']))
    expect(runs[0]![0]?.evidence.dnsFailures).toEqual([
      's1._domainkey.example.org/TXT ETIMEOUT',
      '_dmarc.example.org/TXT ETIMEOUT',
    ])
    // Two questions per message: the fifth silent one, in the third message, opens the breaker.
    expect(runs[3]![0]?.evidence.dnsFailures).toEqual([
      's1._domainkey.example.org/TXT not asked: DNS is not answering',
      '_dmarc.example.org/TXT not asked: DNS is not answering',
    ])
  })

  it('closes again on any answer', () => {
    let now = 0
    const breaker = new DnsBreaker(() => now)
    for (let i = 0; i < 5; i++) breaker.timedOut()
    expect(breaker.isOpen()).toBe(true)
    now += 31_000
    expect(breaker.isOpen()).toBe(false)
    breaker.timedOut()
    expect(breaker.isOpen()).toBe(true)
    breaker.answered()
    expect(breaker.isOpen()).toBe(false)
  })
})

describe('auth engine: health', () => {
  const health = (resolve: DnsResolver, config: Partial<AuthConfig> = {}) =>
    createAuthEngine({ resolver: resolve }).health!({
      config: AuthConfigSchema.parse(config),
      signal: new AbortController().signal,
      log: silentLogger,
    })

  it('is ready when DNS answers, even with "no such name"', async () => {
    expect(await health(stubDns({}).resolve)).toMatchObject({
      state: 'ready',
      version: 'mailauth 4.13.3',
      loaded: '0 trusted authserv-ids, 0 receiving hosts, system DNS',
    })
  })

  it('is degraded, saying why, when DNS does not answer', async () => {
    const state = await health(silentDns, { dnsTimeoutMs: 50 })
    expect(state.state).toBe('degraded')
    expect(state.lastError).toBe('DNS did not answer a question for example.com (ETIMEOUT): senders cannot be checked.')
  })

  it('shows the last DNS failure a scan met', async () => {
    let broken = true
    const flaky: DnsResolver = async (name) => {
      throw dnsError(broken ? 'ESERVFAIL' : 'ENOTFOUND', name)
    }
    const engine = createAuthEngine({ resolver: flaky })
    await findingsOf(engine, signed)
    broken = false
    expect(await health(flaky)).toMatchObject({ state: 'ready' })
    const state = await engine.health!({
      config: AuthConfigSchema.parse({}),
      signal: new AbortController().signal,
      log: silentLogger,
    })
    expect(state).toMatchObject({
      state: 'ready',
      lastError: 'DNS failed while checking a sender from example.org: s1._domainkey.example.org/TXT ESERVFAIL',
    })
  })
})

describe('auth config', () => {
  it('rejects DNS servers that are not addresses and keys shorter than RFC 8301 allows', () => {
    expect(AuthConfigSchema.safeParse({ dnsServers: ['dns.example.com'] }).success).toBe(false)
    expect(AuthConfigSchema.safeParse({ minRsaBits: 512 }).success).toBe(false)
    expect(AuthConfigSchema.parse({ dnsServers: ['192.0.2.53', '[2001:db8::53]:5353'] }).dnsServers).toHaveLength(2)
  })
})
