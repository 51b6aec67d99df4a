import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FeedEntry } from '../entry.ts'
import type { FeedFormat } from '../source.ts'
import { fixturePath } from '../testing/loopback.ts'
import { parseCsvLine } from './csv.ts'
import { Collector, createParser, type ParseStats } from './parser.ts'

function parse(format: FeedFormat, text: string, chunk = text.length || 1, minConfidence = 50) {
  const entries: FeedEntry[] = []
  const out = new Collector((entry) => (entries.push(entry), true))
  const parser = createParser(format, out, { minConfidence })
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk))
  parser.end()
  return { entries, stats: out.stats as ParseStats }
}

const fixture = (name: string) => readFileSync(fixturePath(name), 'utf8')

describe('URLhaus CSV', () => {
  it('reads the dump: comments skipped, columns from the header, garbage counted', () => {
    const { entries, stats } = parse('urlhaus', fixture('urlhaus-csv-recent.txt'))
    expect(entries.map((e) => e.value)).toEqual([
      'http://198.51.100.77:47233/bin.sh',
      'http://203.0.113.18:40412/i',
      'https://cdn-invoice-files.example/wp-content/uploads/2025/05/Invoice_0512.zip',
      'https://raw.githubusercontent.com/evil-user/payloads/main/loader.ps1',
      'http://bakery-shop.example/wp-admin/css/Ordine.js',
      'https://drive.google.com/uc?export=download&id=1aBcDeFgHiJkLmNoPqRsTuVwXyZ012345',
      'http://payload-host.example:8080/',
      'http://files.dl-mirror.example/Setup_v2.1.EXE',
      'http://192.0.2.44:52843/Mozi.m',
    ])
    // ftp:, "not a url at all", the unterminated quote and the line that is not CSV.
    expect(stats).toEqual({ entries: 9, skipped: 4, ignored: 0 })
    expect(entries[0]).toEqual({
      kind: 'url',
      value: 'http://198.51.100.77:47233/bin.sh',
      threat: 'malware_download',
      tags: '32-bit,elf,mips,Mozi',
      reference: 'https://urlhaus.abuse.ch/url/3517201/',
      online: true,
    })
    expect(entries[4]?.online).toBe(false)
  })

  it('follows an older column layout announced by the header comment', () => {
    const text = [
      '# id,dateadded,url,url_status,threat,tags,urlhaus_link,reporter',
      '"1","2019-01-01 00:00:00","http://old.example/a.exe","offline","malware_download","exe","https://urlhaus.abuse.ch/url/1/","x"',
    ].join('\r\n')
    expect(parse('urlhaus', text).entries).toEqual([
      {
        kind: 'url',
        value: 'http://old.example/a.exe',
        threat: 'malware_download',
        tags: 'exe',
        reference: 'https://urlhaus.abuse.ch/url/1/',
        online: false,
      },
    ])
  })

  it('splits CSV lines with quotes, escaped quotes and empty fields', () => {
    expect(parseCsvLine('"a","b ""c""",,d,')).toEqual(['a', 'b "c"', '', 'd', ''])
    expect(parseCsvLine('"a"x,b')).toBeNull()
    expect(parseCsvLine('"open')).toBeNull()
  })
})

describe('OpenPhish', () => {
  it('reads one URL per line, normalised, skipping garbage', () => {
    const { entries, stats } = parse('openphish', fixture('openphish-feed.txt'))
    expect(entries.map((e) => e.value)).toEqual([
      'https://secure-login-microsoft.weebly.test/',
      'https://account-verify.paypa1-support.example/signin/index.php?session=9f8e7d6c',
      'https://docs.google.com/forms/d/e/1FAIpQLSdPhishFormExample0123456789abcdef/viewform',
      'http://198.51.100.201/owa/auth/logon.aspx',
      'https://netflix-billing-update.example/account/payment',
      'https://www.chase-alerts.example/~user/verify-now',
      'https://bit.ly/3xPhish0',
    ])
    expect(entries.every((e) => e.threat === 'phishing' && e.kind === 'url')).toBe(true)
    expect(stats.skipped).toBe(1)
  })

  it('skips overlong lines whole, even split across pieces', () => {
    const text = `https://a.example/1\nhttps://b.example/${'x'.repeat(40_000)}\nhttps://c.example/3`
    const { entries, stats } = parse('openphish', text, 1000)
    expect(entries.map((e) => e.value)).toEqual(['https://a.example/1', 'https://c.example/3'])
    expect(stats.skipped).toBe(1)
  })
})

describe('PhishTank', () => {
  it('reads online-valid.json with target and detail page', () => {
    const { entries, stats } = parse('phishtank', fixture('phishtank-online-valid.json'))
    expect(stats).toEqual({ entries: 4, skipped: 0, ignored: 0 })
    expect(entries[0]).toEqual({
      kind: 'url',
      value: 'https://login.micros0ft-online.example/common/oauth2/authorize?client_id=4765445b',
      threat: 'phishing',
      family: 'Microsoft',
      reference: 'http://www.phishtank.com/phish_detail.php?phish_id=8505430',
    })
    // "Other" is no target; JSON escapes are undone.
    expect(entries[2]?.family).toBeUndefined()
    expect(entries[3]?.value).toBe('http://cpanel-renewal.example/index.php')
  })

  it('reads the minified dump, skips broken records and ignores unverified or offline ones', () => {
    const text =
      '[{"phish_id":1,"url":"https:\\/\\/a.example\\/x","verified":"yes","online":"yes","target":"Other"},' +
      '{"phish_id":2,"url":"https://b.example/","verified":"no","online":"yes"},' +
      '{"phish_id":3,"url":"https://c.example/","verified":"yes","online":"no"},' +
      '{"phish_id":4,"url":42},{"broken": [},{"broken": ]},' +
      '{"phish_id":5,"url":"https://e.example/{}\\"]","details":[{"x":"}"}]}]'
    const { entries, stats } = parse('phishtank', text, 7)
    expect(entries.map((e) => e.value)).toEqual(['https://a.example/x', 'https://e.example/%7B%7D%22]'])
    expect(entries[0]?.reference).toBe('https://phishtank.org/phish_detail.php?phish_id=1')
    expect(stats).toEqual({ entries: 2, skipped: 3, ignored: 2 })
  })

  it('refuses what is not a JSON array: an HTML error page, a zip', () => {
    expect(() => parse('phishtank', '<html><body>Rate limit exceeded</body></html>')).toThrow(/HTML/)
    expect(() => parse('phishtank', 'PK\u0003\u0004...')).toThrow(/zip/)
    expect(() => parse('phishtank', '')).toThrow(/empty/)
  })
})

describe('ThreatFox', () => {
  it('reads the export: URL, domain and ip:port IOCs; hashes and low confidence ignored', () => {
    const { entries, stats } = parse('threatfox', fixture('threatfox-export.json'))
    expect(entries).toEqual([
      {
        kind: 'url',
        value: 'http://update-service.example/gate.php',
        threat: 'botnet_cc',
        family: 'Lumma Stealer',
        reference: 'https://threatfox.abuse.ch/ioc/1487245/',
      },
      {
        kind: 'domain',
        value: 'c2-panel.example',
        threat: 'botnet_cc',
        family: 'Cobalt Strike',
        reference: 'https://threatfox.abuse.ch/ioc/1487244/',
      },
      {
        kind: 'host',
        value: '198.51.100.66',
        threat: 'botnet_cc',
        family: 'AsyncRAT',
        reference: 'https://threatfox.abuse.ch/ioc/1487243/',
      },
      {
        kind: 'domain',
        value: 'stage2.dropper-cdn.example',
        threat: 'payload_delivery',
        family: 'SmokeLoader',
        reference: 'https://threatfox.abuse.ch/ioc/1487240/',
      },
      // Handed on; the index refuses a shared domain (feed-index.test.ts).
      expect.objectContaining({ kind: 'domain', value: 'google.com' }),
    ])
    expect(stats).toEqual({ entries: 5, skipped: 0, ignored: 2 })
    expect(parse('threatfox', fixture('threatfox-export.json'), 64, 0).stats.ignored).toBe(1)
  })

  it('reads the API answer shape', () => {
    const { entries } = parse('threatfox', fixture('threatfox-api.json'))
    expect(entries.map((e) => [e.kind, e.value, e.reference])).toEqual([
      ['url', 'https://panel.stealer-logs.example/api/submit', 'https://threatfox.abuse.ch/ioc/1487250/'],
      ['host', '[2001:db8::66]', 'https://threatfox.abuse.ch/ioc/1487251/'],
    ])
  })

  it('skips IOCs that are not what their type says', () => {
    const text = JSON.stringify({
      1: [{ ioc_value: 'http://x.example/ a b', ioc_type: 'domain', threat_type: 'botnet_cc' }],
      2: [{ ioc_value: '203.0.113.9', ioc_type: 'domain', threat_type: 'botnet_cc' }],
      3: [{ ioc_type: 'url' }],
      4: [{ ioc_value: 'noscheme.example/gate.php', ioc_type: 'url', threat_type: 'botnet_cc' }],
    })
    const { entries, stats } = parse('threatfox', text)
    expect(entries.map((e) => e.value)).toEqual(['http://noscheme.example/gate.php'])
    expect(stats.skipped).toBe(3)
  })
})

describe('every parser', () => {
  const cases: [FeedFormat, string][] = [
    ['urlhaus', 'urlhaus-csv-recent.txt'],
    ['openphish', 'openphish-feed.txt'],
    ['phishtank', 'phishtank-online-valid.json'],
    ['threatfox', 'threatfox-export.json'],
  ]

  it('gives the same entries however the text is split', () => {
    for (const [format, name] of cases) {
      const text = fixture(name)
      const whole = parse(format, text)
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 300 }), (chunk) => {
          expect(parse(format, text, chunk)).toEqual(whole)
        }),
        { numRuns: 40 },
      )
    }
  })

  it('never throws on garbage for the line formats, and only the format error for JSON', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        parse('urlhaus', text)
        parse('openphish', text)
        for (const format of ['phishtank', 'threatfox'] as const) {
          try {
            parse(format, text)
          } catch (error) {
            expect(String(error)).toMatch(/^Error: not (PhishTank|ThreatFox) JSON/)
          }
        }
      }),
    )
  })

  it('stops when the sink is full', () => {
    const entries: FeedEntry[] = []
    const out = new Collector((entry) => entries.length < 2 && (entries.push(entry), true))
    const parser = createParser('openphish', out, { minConfidence: 0 })
    parser.push(fixture('openphish-feed.txt'))
    parser.end()
    expect(entries).toHaveLength(2)
    expect(out.stopped).toBe(true)
  })
})
