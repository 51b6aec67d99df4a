import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FeedSet } from './feed-set.ts'
import { DEFAULT_SHARED_HOSTS } from './shared-hosts.ts'
import { FeedSourceSchema, type FeedSourceInput } from './source.ts'
import { fixturePath, serveLoopback, type Loopback } from './testing/loopback.ts'

const fixture = (name: string) => readFileSync(fixturePath(name))
const source = (input: FeedSourceInput) => FeedSourceSchema.parse(input)
const feedSet = (inputs: FeedSourceInput[]) => new FeedSet(inputs.map(source), { sharedHosts: DEFAULT_SHARED_HOSTS })

/** What the stand-in feed server answers per path; changed by the tests as they go. */
interface Served {
  body: Buffer | string
  etag?: string
  status?: number
  contentType?: string
}

describe('FeedSet', () => {
  const served = new Map<string, Served>()
  const requests: { path: string; ifNoneMatch?: string }[] = []
  let server: Loopback
  let dir: string

  beforeAll(async () => {
    server = await serveLoopback((req, res) => {
      const path = req.url ?? '/'
      requests.push({ path, ifNoneMatch: req.headers['if-none-match'] })
      const answer = served.get(path)
      if (!answer) return void res.writeHead(404).end('not found')
      if (answer.etag && req.headers['if-none-match'] === answer.etag) return void res.writeHead(304).end()
      res.writeHead(answer.status ?? 200, {
        'content-type': answer.contentType ?? 'text/plain',
        ...(answer.etag ? { etag: answer.etag } : {}),
      })
      res.end(answer.body)
    })
    dir = mkdtempSync(join(tmpdir(), 'moat-feeds-'))
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('loads the four public formats from fixture files and finds a link in each', async () => {
    const feeds = feedSet([
      { name: 'urlhaus', format: 'urlhaus', path: fixturePath('urlhaus-csv-recent.txt') },
      { name: 'openphish', format: 'openphish', path: fixturePath('openphish-feed.txt') },
      { name: 'phishtank', format: 'phishtank', path: fixturePath('phishtank-online-valid.json') },
      { name: 'threatfox', format: 'threatfox', path: fixturePath('threatfox-export.json') },
    ])
    await feeds.ready()
    expect(feeds.status().map((s) => [s.name, s.entries, s.lastError])).toEqual([
      ['urlhaus', 9, null],
      ['openphish', 7, null],
      ['phishtank', 4, null],
      // google.com is refused by the index: a shared host listed as a domain.
      ['threatfox', 4, null],
    ])
    const lookup = (url: string) => feeds.lookup(url).map((m) => [m.feed, m.matchedBy, m.direct, m.threat])
    expect(lookup('http://files.dl-mirror.example/Setup_v2.1.EXE')).toEqual([
      ['urlhaus', 'url', true, 'malware_download'],
    ])
    expect(lookup('https://secure-login-microsoft.weebly.test/login')).toEqual([
      ['openphish', 'host', true, 'phishing'],
    ])
    expect(lookup('https://wellsfarg0-verify.example/online/')).toEqual([['phishtank', 'url', true, 'phishing']])
    expect(lookup('https://cdn.c2-panel.example/beacon')).toEqual([['threatfox', 'domain', true, 'botnet_cc']])
    expect(lookup('https://www.google.com/search?q=x')).toEqual([])
    expect(lookup('mailto:x@example.com')).toEqual([])
    feeds.close()
  })

  it('reads over HTTP with ETag, picks up changes on refresh, keeps the index when a refresh fails', async () => {
    served.set('/feed.txt', { body: 'https://one.example/a\n', etag: '"v1"' })
    const feeds = feedSet([{ name: 'openphish', format: 'openphish', url: `${server.origin}/feed.txt` }])
    await feeds.ready()
    expect(feeds.lookup('https://one.example/a')).toHaveLength(1)

    // Unchanged: a conditional request answered 304, the index stays.
    await feeds.refresh()
    expect(requests.filter((r) => r.path === '/feed.txt').at(-1)?.ifNoneMatch).toBe('"v1"')
    expect(feeds.lookup('https://one.example/a')).toHaveLength(1)

    served.set('/feed.txt', { body: 'https://two.example/b\n', etag: '"v2"' })
    await feeds.refresh('openphish')
    expect(feeds.lookup('https://one.example/a')).toHaveLength(0)
    expect(feeds.lookup('https://two.example/b')).toHaveLength(1)

    // A server error, then an HTML page with 200: neither replaces the good index.
    served.set('/feed.txt', { body: 'oops', status: 503 })
    await feeds.refresh()
    expect(feeds.lookup('https://two.example/b')).toHaveLength(1)
    expect(feeds.status()[0]).toMatchObject({ entries: 1, lastError: 'HTTP 503 Service Unavailable' })
    served.set('/feed.txt', { body: '<html><body>Maintenance</body></html>' })
    await feeds.refresh()
    expect(feeds.status()[0]?.lastError).toMatch(/^no usable entry in \d+ bytes \(1 unreadable/)
    expect(feeds.lookup('https://two.example/b')).toHaveLength(1)

    served.set('/feed.txt', { body: 'https://three.example/c\n' })
    await feeds.refresh()
    expect(feeds.status()[0]).toMatchObject({ entries: 1, lastError: null })
    feeds.close()
  })

  it('sends configured headers from the environment and POSTs a body (the ThreatFox API)', async () => {
    const seen: { method?: string; url?: string; key?: string; body: string }[] = []
    const api = await serveLoopback((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, key: req.headers['auth-key'] as string | undefined, body })
        res.writeHead(200, { 'content-type': 'application/json' }).end(fixture('threatfox-api.json'))
      })
    })
    process.env.MOAT_TEST_FEED_KEY = 'k-123'
    const feeds = feedSet([
      {
        name: 'threatfox',
        format: 'threatfox',
        url: `${api.origin}/api/v1/?key=\${MOAT_TEST_FEED_KEY}`,
        headers: { 'Auth-Key': '${MOAT_TEST_FEED_KEY}' },
        body: '{"query":"get_iocs","days":1}',
      },
      {
        name: 'nokey',
        format: 'threatfox',
        url: `${api.origin}/x`,
        headers: { 'Auth-Key': '${MOAT_TEST_UNSET_KEY}' },
      },
    ])
    await feeds.ready()
    expect(seen).toEqual([
      { method: 'POST', url: '/api/v1/?key=k-123', key: 'k-123', body: '{"query":"get_iocs","days":1}' },
    ])
    expect(feeds.status().map((s) => [s.entries, s.lastError])).toEqual([
      [2, null],
      [null, 'environment variable MOAT_TEST_UNSET_KEY is not set'],
    ])
    expect(feeds.lookup('https://panel.stealer-logs.example/api/submit')).toHaveLength(1)
    delete process.env.MOAT_TEST_FEED_KEY
    feeds.close()
    await api.close()
  })

  it('re-reads a file only when it changed, and reads gzip by its magic bytes', async () => {
    const path = join(dir, 'urlhaus.csv.gz')
    writeFileSync(path, gzipSync(fixture('urlhaus-csv-recent.txt')))
    const feeds = feedSet([{ name: 'urlhaus', format: 'urlhaus', path }])
    await feeds.ready()
    expect(feeds.status()[0]?.entries).toBe(9)
    await feeds.refresh()
    expect(feeds.status()[0]?.entries).toBe(9)
    writeFileSync(path, '"1","2025-05-12 08:13:06","http://new.example/x","online","","malware_download","","",""\n')
    await feeds.refresh()
    expect(feeds.status()[0]?.entries).toBe(1)
    expect(feeds.lookup('http://new.example/x')).toHaveLength(1)
    feeds.close()
  })

  it('refreshes on its own interval', async () => {
    const path = join(dir, 'openphish.txt')
    writeFileSync(path, 'https://before.example/\n')
    const feeds = feedSet([{ name: 'openphish', format: 'openphish', path, refreshMinutes: 1 / 60 }])
    await feeds.ready()
    writeFileSync(path, 'https://after.example/x\nhttps://after.example/y\n')
    // Bounded wait for the timer (every second); what is checked is the outcome, not the time.
    for (let i = 0; i < 100 && feeds.lookup('https://after.example/x').length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(feeds.lookup('https://after.example/x')).toHaveLength(1)
    feeds.close()
  })

  it('cuts a feed at maxBytes or maxEntries without inventing an entry from the cut line', async () => {
    served.set('/big.txt', { body: 'https://a.example/1\nhttps://b.example/payload.exe\n' })
    const bytes = feedSet([
      {
        name: 'openphish',
        format: 'openphish',
        url: `${server.origin}/big.txt`,
        maxBytes: 'https://a.example/1\nhttps://b.example/'.length,
      },
    ])
    await bytes.ready()
    expect(bytes.status()[0]).toMatchObject({ entries: 1, cutShort: expect.stringMatching(/maxBytes/) })
    expect(bytes.lookup('https://b.example/other')).toEqual([])
    bytes.close()
    const entries = feedSet([
      { name: 'openphish', format: 'openphish', path: fixturePath('openphish-feed.txt'), maxEntries: 3 },
    ])
    await entries.ready()
    expect(entries.status()[0]).toMatchObject({ entries: 3, cutShort: 'stopped at maxEntries (3)' })
    entries.close()
  })

  it('records why a feed never loaded: missing file, no server, timeout', async () => {
    const never = await serveLoopback(() => {})
    const closed = await serveLoopback(() => {})
    await closed.close()
    const feeds = feedSet([
      { name: 'missing', format: 'openphish', path: join(dir, 'nope.txt') },
      { name: 'refused', format: 'openphish', url: `${closed.origin}/feed.txt` },
      { name: 'slow', format: 'openphish', url: `${never.origin}/feed.txt`, timeoutMs: 200 },
    ])
    await feeds.ready()
    const status = feeds.status()
    expect(status.map((s) => s.entries)).toEqual([null, null, null])
    expect(status[0]?.lastError).toMatch(/ENOENT/)
    expect(status[1]?.lastError).toMatch(/fetch failed.*ECONNREFUSED/)
    expect(status[2]?.lastError).toBe('not read within 200 ms')
    feeds.close()
    await never.close()
  })

  it('answers ready() at the caller deadline while a feed is still loading, and close() stops reads', async () => {
    const never = await serveLoopback(() => {})
    const feeds = feedSet([{ name: 'slow', format: 'openphish', url: `${never.origin}/feed.txt` }])
    await feeds.ready(AbortSignal.timeout(50))
    expect(feeds.status()[0]).toMatchObject({ entries: null, lastError: null })
    feeds.close()
    await feeds.refresh()
    await never.close()
  })

  it('loads 100k entries and looks them up (printed, not asserted)', async () => {
    const lines = ['# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter']
    for (let i = 0; i < 100_000; i++) {
      lines.push(
        `"${i}","2025-05-12 08:13:06","http://h${i % 20_000}.bad-host-${i % 7}.example/p/${i}/file.exe?id=${i}","online","","malware_download","exe,Mozi","https://urlhaus.abuse.ch/url/${i}/","x"`,
      )
    }
    const path = join(dir, 'big-urlhaus.csv')
    writeFileSync(path, lines.join('\n'))
    const feeds = feedSet([{ name: 'urlhaus', format: 'urlhaus', path }])
    const start = performance.now()
    await feeds.ready()
    const loadMs = performance.now() - start
    expect(feeds.status()[0]?.entries).toBe(100_000)
    const probes = Array.from({ length: 20_000 }, (_, i) =>
      i % 2 === 0
        ? `http://h${i % 20_000}.bad-host-${i % 7}.example/p/${i}/file.exe?id=${i}`
        : `https://clean-${i}.example/x`,
    )
    const t = performance.now()
    let hits = 0
    for (const url of probes) hits += feeds.lookup(url).length
    const perLookupUs = ((performance.now() - t) / probes.length) * 1000
    console.log(
      `url-feeds: 100,000 URLhaus entries (${(Buffer.byteLength(lines.join('\n')) / 1e6).toFixed(1)} MB) loaded in ${loadMs.toFixed(0)} ms; ` +
        `lookup ${perLookupUs.toFixed(1)} µs each (${hits} hits in ${probes.length}); heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
    )
    expect(hits).toBe(10_000)
    feeds.close()
  })
})
