import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FeedSet } from '../../feeds/feed-set.ts'
import { FeedSourceSchema, type FeedSourceInput } from '../../feeds/source.ts'
import { fixturePath, serveLoopback, type Loopback } from '../../feeds/testing/loopback.ts'
import type { ResolveHost } from '../../feeds/unshorten/resolve-host.ts'
import { silentLogger } from '../../log.ts'
import { codesOf, findingsOf, runEngine } from '../../testing/engine-harness.ts'
import { DEFAULT_SHORTENERS } from '../links/config.ts'
import { UrlFeedsConfigSchema, type UrlFeedsConfig } from './config.ts'
import { feedHealth } from './health.ts'
import { createUrlFeedsEngine } from './index.ts'

const FIXTURE_FEEDS: FeedSourceInput[] = [
  { name: 'urlhaus', format: 'urlhaus', path: fixturePath('urlhaus-csv-recent.txt') },
  { name: 'openphish', format: 'openphish', path: fixturePath('openphish-feed.txt') },
  { name: 'phishtank', format: 'phishtank', path: fixturePath('phishtank-online-valid.json') },
  { name: 'threatfox', format: 'threatfox', path: fixturePath('threatfox-export.json') },
]

const stubResolve: ResolveHost = async (host) => {
  const addresses = { 'short.test': ['127.0.0.1'], 'metadata.short.test': ['169.254.169.254'] }[host]
  if (!addresses) throw new Error(`queryA ENOTFOUND ${host}`)
  return addresses
}

describe('url-feeds engine', () => {
  const engine = createUrlFeedsEngine({ resolve: stubResolve })
  let shortener: Loopback
  let never: Loopback
  let origin: string

  beforeAll(async () => {
    shortener = await serveLoopback((req, res) => {
      const to = {
        '/wf': 'https://wellsfarg0-verify.example/online/',
        '/chain': `http://short.test:${shortener.port}/wf`,
        '/clean': 'https://www.example.org/newsletter',
        '/trap': 'http://metadata.short.test/latest/meta-data/',
      }[req.url ?? '']
      res.writeHead(to ? 301 : 404, to ? { location: to } : {}).end()
    })
    origin = `http://short.test:${shortener.port}`
    never = await serveLoopback(() => {})
  })
  afterAll(async () => {
    await engine.close?.()
    await shortener.close()
    await never.close()
  })

  const config = (extra: Partial<UrlFeedsConfig> = {}) =>
    ({
      feeds: FIXTURE_FEEDS,
      unshorten: { shorteners: ['short.test'], allowedNetworks: ['127.0.0.0/8'] },
      ...extra,
    }) as Partial<UrlFeedsConfig>

  it('skips every message until a feed is configured', async () => {
    const outcome = await runEngine(engine, { text: 'https://wellsfarg0-verify.example/online/' })
    expect(outcome).toEqual({ status: 'skipped', why: 'No URL feed is configured (engines.url-feeds.config.feeds).' })
  })

  it('reports links listed by the feeds read from fixture files', async () => {
    const findings = await findingsOf(
      engine,
      {
        html:
          '<p>Your invoice: <a href="https://cdn-invoice-files.example/wp-content/uploads/2025/05/Invoice_0512.zip">Invoice</a></p>' +
          '<p><a href="https://beacon.c2-panel.example/x">Status</a> <a href="https://docs.google.com/document/d/abc/edit">Doc</a></p>',
        text: 'Sign in: https://secure-login-microsoft.weebly.test/login',
      },
      { config: config() },
    )
    expect(codesOf(findings)).toEqual(['URL_FEED_LISTED'])
    expect(findings[0]).toEqual({
      code: 'URL_FEED_LISTED',
      severity: 'high',
      text: 'A link goes to https://cdn-invoice-files.example/wp-content/uploads/2025/05/Invoice_0512.zip, which urlhaus lists as a malware download. 2 more links do the same.',
      evidence: {
        url: 'https://cdn-invoice-files.example/wp-content/uploads/2025/05/Invoice_0512.zip',
        feeds: ['urlhaus', 'threatfox', 'openphish'],
        matchedBy: 'url',
        listed: 'https://cdn-invoice-files.example/wp-content/uploads/2025/05/Invoice_0512.zip',
        threats: ['malware_download', 'botnet_cc', 'phishing'],
        families: ['Cobalt Strike'],
        references: ['https://urlhaus.abuse.ch/url/3517198/', 'https://threatfox.abuse.ch/ioc/1487244/'],
        urls: [
          'https://cdn-invoice-files.example/wp-content/uploads/2025/05/Invoice_0512.zip',
          'https://beacon.c2-panel.example/x',
          'https://secure-login-microsoft.weebly.test/login',
        ],
        count: 3,
      },
    })
  })

  it('reports another listed address on the same host as a weaker finding, and nothing on shared hosts', async () => {
    const findings = await findingsOf(
      engine,
      {
        text: 'https://account-verify.paypa1-support.example/signin/index.php?session=other https://drive.google.com/uc?id=clean',
      },
      { config: config() },
    )
    expect(findings.map((f) => [f.code, f.severity, f.text])).toEqual([
      [
        'URL_FEED_HOST_LISTED',
        'medium',
        'A link goes to account-verify.paypa1-support.example, where openphish lists another address as phishing.',
      ],
    ])
    expect(
      await findingsOf(engine, { text: 'https://www.example.org/ no listed links' }, { config: config() }),
    ).toEqual([])
  })

  it('follows a shortened link through the stand-in shortener to a listed destination', async () => {
    const findings = await findingsOf(engine, { text: `Your statement: ${origin}/chain` }, { config: config() })
    expect(codesOf(findings)).toEqual(['LINK_SHORTENER_RESOLVED', 'URL_FEED_LISTED'])
    expect(findings.find((f) => f.code === 'URL_FEED_LISTED')).toMatchObject({
      severity: 'high',
      text: `A shortened link (${origin}/chain) leads to https://wellsfarg0-verify.example/online/, which phishtank lists as phishing (Wells Fargo).`,
      evidence: { shortener: `${origin}/chain`, feeds: ['phishtank'], matchedBy: 'url' },
    })
    expect(findings.find((f) => f.code === 'LINK_SHORTENER_RESOLVED')).toEqual({
      code: 'LINK_SHORTENER_RESOLVED',
      severity: 'info',
      text: `The shortened link ${origin}/chain leads to https://wellsfarg0-verify.example/online/ (2 redirects).`,
      evidence: {
        shortener: `${origin}/chain`,
        final: 'https://wellsfarg0-verify.example/online/',
        hops: 2,
        chain: [`${origin}/chain`, `${origin}/wf`, 'https://wellsfarg0-verify.example/online/'],
        count: 1,
      },
    })
    // A shortened link to a clean destination adds nothing.
    expect(await findingsOf(engine, { text: `${origin}/clean` }, { config: config() })).toEqual([])
  })

  it('reports shortened links it refuses or cannot follow, and never errors for them', async () => {
    const trap = await findingsOf(engine, { text: `${origin}/trap` }, { config: config() })
    expect(trap.map((f) => [f.code, f.severity, f.evidence.reasons])).toEqual([
      ['LINK_SHORTENER_UNRESOLVED', 'medium', ['metadata.short.test resolves to link-local address 169.254.169.254']],
    ])
    const strict = { ...config(), unshorten: { shorteners: ['short.test'] } } as Partial<UrlFeedsConfig>
    expect((await findingsOf(engine, { text: `${origin}/chain` }, { config: strict }))[0]?.evidence.reasons).toEqual([
      'short.test resolves to loopback address 127.0.0.1',
    ])
    // The stand-in DNS knows no bit.ly (unshortener.test.ts runs the real resolver against a silent server).
    const unknown = await findingsOf(
      engine,
      { text: 'https://bit.ly/3xYz' },
      {
        config: { feeds: FIXTURE_FEEDS } as Partial<UrlFeedsConfig>,
      },
    )
    expect(unknown.map((f) => [f.code, f.severity, f.evidence.reasons])).toEqual([
      ['LINK_SHORTENER_UNRESOLVED', 'info', ['no address for bit.ly (queryA ENOTFOUND bit.ly)']],
    ])
  })

  it('is an error, not clean, while a configured feed has not loaded', async () => {
    const slow: FeedSourceInput = { name: 'slow', format: 'openphish', url: `${never.origin}/feed.txt` }
    const onlySlow = { feeds: [slow] } as Partial<UrlFeedsConfig>
    expect(await runEngine(engine, { text: 'https://www.example.org/' }, { config: onlySlow, timeoutMs: 100 })).toEqual(
      {
        status: 'error',
        errorCode: 'Unavailable',
        why: 'no URL feed has loaded yet (slow not loaded)',
      },
    )
    // A message without links needs no feed.
    expect(await runEngine(engine, { text: 'no links here' }, { config: onlySlow, timeoutMs: 100 })).toEqual({
      status: 'ok',
      findings: [],
    })
    const mixed = { feeds: [...FIXTURE_FEEDS, slow] } as Partial<UrlFeedsConfig>
    const clean = await runEngine(engine, { text: 'https://www.example.org/' }, { config: mixed, timeoutMs: 100 })
    expect(clean).toMatchObject({ status: 'error', errorCode: 'Unavailable' })
    expect(clean.status === 'error' && clean.why).toBe(
      'slow not loaded; the links were checked against urlhaus, openphish, phishtank, threatfox only',
    )
    // A listing found in the feeds that did load stands.
    const listed = await runEngine(
      engine,
      { text: 'https://wellsfarg0-verify.example/online/' },
      { config: mixed, timeoutMs: 100 },
    )
    expect(listed.status === 'ok' && codesOf(listed.findings)).toEqual(['URL_FEED_LISTED'])
  })

  it('reports health: ready with what is loaded, down while nothing is', async () => {
    const health = (input: Partial<UrlFeedsConfig>) =>
      engine.health!({ config: UrlFeedsConfigSchema.parse(input), signal: AbortSignal.timeout(200), log: silentLogger })
    expect(await health({})).toEqual({ state: 'ready', loaded: 'no feed configured' })
    expect(await health({ feeds: FIXTURE_FEEDS.map((f) => FeedSourceSchema.parse(f)) })).toEqual({
      state: 'ready',
      loaded: 'urlhaus 9, openphish 7, phishtank 4, threatfox 4',
    })
    const slow = FeedSourceSchema.parse({ name: 'slow', format: 'openphish', url: `${never.origin}/other.txt` })
    expect(await health({ feeds: [slow] })).toEqual({
      state: 'down',
      loaded: 'slow not loaded',
      lastError: 'slow: still loading',
    })
  })

  it('uses the links engine shorteners by default and validates its config', () => {
    const parsed = UrlFeedsConfigSchema.parse({})
    expect(parsed.feeds).toEqual([])
    expect(parsed.unshorten).toMatchObject({
      enabled: true,
      maxHops: 3,
      timeoutMs: 1500,
      allowedNetworks: [],
      dnsServers: [],
    })
    expect(parsed.unshorten.shorteners).toEqual(DEFAULT_SHORTENERS)
    expect(() => UrlFeedsConfigSchema.parse({ unshorten: { allowedNetworks: ['localhost'] } })).toThrow()
    expect(() => UrlFeedsConfigSchema.parse({ unshorten: { dnsServers: ['dns.google'] } })).toThrow()
    expect(
      UrlFeedsConfigSchema.parse({
        unshorten: { dnsServers: ['9.9.9.9', '1.1.1.1:53', '[2620:fe::fe]:53', '2620:fe::fe'] },
      }).unshorten.dnsServers,
    ).toHaveLength(4)
    expect(() => UrlFeedsConfigSchema.parse({ feeds: [{ name: 'x', format: 'openphish' }] })).toThrow(
      /exactly one of url and path/,
    )
    expect(() =>
      UrlFeedsConfigSchema.parse({ feeds: [{ name: 'x', format: 'openphish', url: 'file:///etc/passwd' }] }),
    ).toThrow()
    expect(() => UrlFeedsConfigSchema.parse({ feeds: [FIXTURE_FEEDS[0], FIXTURE_FEEDS[0]] })).toThrow(/unique/)
  })
})

describe('feedHealth', () => {
  it('is degraded when a refresh failed and the last index is kept', async () => {
    let body = 'https://one.example/a\n'
    let status = 200
    const server = await serveLoopback((_req, res) => res.writeHead(status).end(body))
    const source = FeedSourceSchema.parse({ name: 'openphish', format: 'openphish', url: `${server.origin}/feed.txt` })
    const feeds = new FeedSet([source], { sharedHosts: [] })
    await feeds.ready()
    expect(feedHealth(feeds.status())).toEqual({ state: 'ready', loaded: 'openphish 1' })
    status = 500
    body = 'Internal Server Error'
    await feeds.refresh()
    expect(feedHealth(feeds.status())).toEqual({
      state: 'degraded',
      loaded: 'openphish 1',
      lastError: 'openphish: HTTP 500 Internal Server Error',
    })
    expect(feeds.lookup('https://one.example/a')).toHaveLength(1)
    // Stale: no good read for three intervals.
    const later = Date.now() + 4 * 60 * 60_000
    status = 200
    await feeds.refresh()
    expect(feedHealth(feeds.status(later)).state).toBe('degraded')
    feeds.close()
    await server.close()
  })
})
