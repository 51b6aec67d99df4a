import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { silentLogger } from '../../log.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { EMPTY_ORGANIZATION } from '../../policy/organization.ts'
import { buildMessage } from '../../testing/build-message.ts'
import { codesOf, findingsOf, runEngine } from '../../testing/engine-harness.ts'
import { createDeadline } from '../engine.ts'
import { linksEngine } from './index.ts'

const SAFE_LINK = (target: string) =>
  `https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(target)}&amp;data=05%7C02%7Cbob%40example.org%7C1c2b3a4d%7C0%7C0%7C638400000000000000&amp;sdata=AbCdEf%2B%3D&amp;reserved=0`

describe('links engine', () => {
  it('reports links past maxLinks as LIMIT_LINKS, once', async () => {
    const html = Array.from({ length: 12 }, (_, i) => `<a href="https://h${i}.example.com/">Item ${i}</a>`).join('')
    const findings = await findingsOf(linksEngine, { html }, { limits: { maxLinks: 10 } })
    expect(findings).toEqual([
      {
        code: 'LIMIT_LINKS',
        severity: 'low',
        text: 'The message has more than 10 links; only the first 10 were checked.',
        evidence: { maxLinks: 10 },
      },
    ])
    expect(await findingsOf(linksEngine, { html }, { limits: { maxLinks: 12 } })).toEqual([])
  })

  it('rates a mismatch medium unless the shown site is protected or a brand', async () => {
    const tracker = await findingsOf(linksEngine, {
      html: '<a href="http://clickthru.online.com/Click?q=1-abc">www.shop.example.com</a>',
    })
    expect(tracker.map((f) => [f.code, f.severity])).toEqual([['LINK_TEXT_MISMATCH', 'medium']])
    const both = await findingsOf(
      linksEngine,
      {
        html: '<a href="http://clickthru.online.com/Click?q=1">www.shop.example.com</a> <a href="https://evil.example.net/">https://www.mycompany.com/payroll</a>',
      },
      { organization: { domains: ['mycompany.com'] } },
    )
    expect(both[0]).toMatchObject({
      code: 'LINK_TEXT_MISMATCH',
      severity: 'high',
      evidence: { shown: 'https://www.mycompany.com/payroll', shownProtected: true, count: 2 },
    })
  })

  it('rates a mismatch high when the text is a full URL, with a scheme or a path', async () => {
    for (const shown of ['https://secure.chase.com/unlock', 'secure.chase.com/unlock']) {
      const findings = await findingsOf(linksEngine, { html: `<a href="https://evil.example.net/">${shown}</a>` })
      expect(findings.map((f) => [f.code, f.severity])).toEqual([['LINK_TEXT_MISMATCH', 'high']])
    }
  })

  it('finds a lying link after an unclosed anchor and 300 nested elements', async () => {
    const html = `<a href="https://a.example.com/">a${'<div>'.repeat(300)}<a href="https://evil.example.net/">www.paypal.com</a>`
    const findings = await findingsOf(linksEngine, { html })
    expect(findings).toMatchObject([{ code: 'LINK_TEXT_MISMATCH', severity: 'high' }])
  })

  it('does not judge a link nested in more redirects than it follows by the redirector', async () => {
    let href = 'https://paypa1.com/login'
    for (let i = 0; i < 4; i++) href = `https://www.google.com/url?q=${encodeURIComponent(href)}`
    const findings = await findingsOf(linksEngine, { html: `<a href="${href}">www.google.com</a>` })
    expect(findings).toMatchObject([{ code: 'LINK_REWRITTEN', evidence: { hiddenTargets: 1 } }])
  })

  it('judges a link through a well-known open redirect by its target', async () => {
    const html = [
      '<a href="https://www.google.com/url?q=https://www.nytimes.com/2024/a.html&amp;sa=D">www.nytimes.com</a>',
      `<a href="https://l.facebook.com/l.php?u=${encodeURIComponent('https://paypa1.com/signin')}&amp;h=x">Log in</a>`,
    ].join('')
    const findings = await findingsOf(linksEngine, { html })
    expect(codesOf(findings)).toEqual(['LINK_LOOKALIKE_DOMAIN'])
    expect(findings[0]?.evidence.hosts).toEqual(['paypa1.com'])
  })

  it('rates a brand name used as a word of a host medium, and high with a lure word', async () => {
    const innocent = await findingsOf(linksEngine, { text: 'Book at https://amazon-river-tours.com/trips' })
    expect(innocent.map((f) => [f.code, f.severity])).toEqual([['LINK_LOOKALIKE_DOMAIN', 'medium']])
    const lure = await findingsOf(linksEngine, {
      text: 'https://amazon-river-tours.com/ and https://amazon-account-verify.com/',
    })
    expect(lure[0]).toMatchObject({
      severity: 'high',
      evidence: { hosts: ['amazon-account-verify.com', 'amazon-river-tours.com'] },
    })
  })

  it('stays quiet on genuine Microsoft and Amazon domains and on PayPay', async () => {
    const text = 'https://outlook.de/owa https://m.media-amazon.com/images/x.jpg https://paypay.ne.jp/guide'
    expect(await findingsOf(linksEngine, { text })).toEqual([])
  })

  it('reports anchor text that shows one site and links to another', async () => {
    const findings = await findingsOf(linksEngine, {
      html: '<p>Please <a href="https://paypal-login.example.net/signin">www.paypal.com</a> today.</p>',
    })
    expect(codesOf(findings)).toContain('LINK_TEXT_MISMATCH')
    const mismatch = findings.find((f) => f.code === 'LINK_TEXT_MISMATCH')
    expect(mismatch?.text).toBe('A link shows www.paypal.com but leads to paypal-login.example.net.')
    expect(mismatch?.severity).toBe('high')
    expect(mismatch?.evidence).toMatchObject({ shown: 'www.paypal.com', leadsTo: 'paypal-login.example.net', count: 1 })
  })

  it('judges Safe Links by their real target', async () => {
    const html = `<a href="${SAFE_LINK('https://www.evil.example/login')}">https://www.mybank.example.com/</a>`
    const findings = await findingsOf(linksEngine, { html })
    expect(codesOf(findings)).toEqual(['LINK_REWRITTEN', 'LINK_TEXT_MISMATCH'])
    expect(findings.find((f) => f.code === 'LINK_TEXT_MISMATCH')?.evidence.leadsTo).toBe('www.evil.example')
    const rewritten = findings.find((f) => f.code === 'LINK_REWRITTEN')
    expect(rewritten?.evidence).toMatchObject({
      gateways: ['Microsoft Safe Links'],
      targets: ['https://www.evil.example/login'],
      hiddenTargets: 0,
    })
  })

  it('does not call a rewritten link a mismatch when its target matches its text', async () => {
    const html = `<a href="${SAFE_LINK('https://www.example.com/account')}">www.example.com</a>`
    expect(codesOf(await findingsOf(linksEngine, { html }))).toEqual(['LINK_REWRITTEN'])
  })

  it('reports Proofpoint v2 and v3 rewrites with their decoded targets', async () => {
    const text = [
      'https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.com_path_page.html-3Fid-3D1-26x-3Dy&d=DwMFaQ&c=euGZstcaTDllvimEN8b7jXrwqOf-v5A_CdpgnVfiiMM&r=abc&m=def&s=ghi&e=',
      'https://urldefense.com/v3/__https://google.com:443/search?q=a*test&gs=ps__;Kw!!-612Flbf0JvQ3kNJkRi5Jg!Ue6tQudNKaShHg93trcdjqDP8se2ySE65jyCIe2K1D_uNjZ1Lnf6YLQERujngZv9UWf66ujQIQ$',
    ].join('\n')
    const [finding] = await findingsOf(linksEngine, { text })
    expect(finding?.code).toBe('LINK_REWRITTEN')
    expect(finding?.evidence.targets).toEqual([
      'https://www.example.com/path/page.html?id=1&x=y',
      'https://google.com/search?q=a+test&gs=ps',
    ])
    expect(finding?.text).toBe('2 links were rewritten by Proofpoint URL Defense; Moat checked where they really lead.')
  })

  it('reports Mimecast protect links as rewritten with a hidden target and judges nothing else about them', async () => {
    const html = '<a href="https://protect-eu.mimecast.com/s/Ab1cD2eF3gH4iJ5k?domain=example.com">www.paypal.com</a>'
    const findings = await findingsOf(linksEngine, { html })
    expect(codesOf(findings)).toEqual(['LINK_REWRITTEN'])
    expect(findings[0]?.text).toBe(
      'A link was rewritten by Mimecast, which hides the real target until the link is clicked.',
    )
    expect(findings[0]?.evidence.hiddenTargets).toBe(1)
  })

  it('reports bare and disguised IP hosts', async () => {
    const findings = await findingsOf(linksEngine, {
      text: 'Log in at http://3232235777/login or http://[2001:db8::1]/x',
    })
    expect(codesOf(findings)).toEqual(['LINK_IP_HOST'])
    expect(findings[0]?.text).toBe(
      'A link points at the bare address 192.168.1.1, written as 3232235777 to hide it. 1 more link does the same.',
    )
    expect(findings[0]?.evidence).toMatchObject({ hosts: ['192.168.1.1', '[2001:db8::1]'], disguised: true, count: 2 })
  })

  it('reports shorteners from the configured list', async () => {
    const findings = await findingsOf(linksEngine, { text: 'Your parcel: https://bit.ly/3xYzAbC' })
    expect(codesOf(findings)).toEqual(['LINK_SHORTENER'])
    expect(findings[0]?.evidence.hosts).toEqual(['bit.ly'])
    expect(
      await findingsOf(linksEngine, { text: 'https://bit.ly/3xYzAbC' }, { config: { shorteners: ['tinyurl.com'] } }),
    ).toEqual([])
  })

  it('reports punycode hosts in both forms, and whole-script homographs as look-alikes', async () => {
    const findings = await findingsOf(linksEngine, { html: '<a href="https://xn--80ak6aa92e.com/id">Sign in</a>' })
    expect(codesOf(findings)).toEqual(['LINK_LOOKALIKE_DOMAIN', 'LINK_PUNYCODE_HOST'])
    const puny = findings.find((f) => f.code === 'LINK_PUNYCODE_HOST')
    expect(puny?.evidence).toMatchObject({
      hosts: ['xn--80ak6aa92e.com'],
      unicode: ['\u0430\u0440\u0440\u04cf\u0435.com'],
      scripts: ['Cyrillic'],
    })
    const lookalike = findings.find((f) => f.code === 'LINK_LOOKALIKE_DOMAIN')
    expect(lookalike?.text).toContain('which imitates apple')
  })

  it('flags mixed-script punycode hosts written in Unicode', async () => {
    const findings = await findingsOf(linksEngine, { text: 'https://p\u0430ypal.com/' })
    expect(findings.find((f) => f.code === 'LINK_PUNYCODE_HOST')?.evidence).toMatchObject({
      hosts: ['xn--pypal-4ve.com'],
      mixedScripts: true,
    })
  })

  it('reports look-alikes of brands and of the organization', async () => {
    const findings = await findingsOf(
      linksEngine,
      { text: 'https://paypa1.com/signin and https://mycompany-payroll.com/login' },
      { organization: { domains: ['mycompany.com'] } },
    )
    expect(codesOf(findings)).toEqual(['LINK_LOOKALIKE_DOMAIN'])
    expect(findings[0]?.evidence).toMatchObject({
      hosts: ['paypa1.com', 'mycompany-payroll.com'],
      imitates: ['paypal.*', 'mycompany.com'],
      count: 2,
    })
  })

  it('aggregates many links into one finding per code with a few examples', async () => {
    const html = Array.from(
      { length: 8 },
      (_, i) => `<a href="https://evil${i}.example.net/">www.bank${i}.example.com</a>`,
    ).join('\n')
    const findings = await findingsOf(linksEngine, { html })
    expect(findings).toHaveLength(1)
    expect(findings[0]?.evidence.count).toBe(8)
    expect(findings[0]?.evidence.links).toHaveLength(5)
    expect(findings[0]?.text).toContain('7 more links do the same.')
  })

  it('stays quiet on a normal newsletter with tracking links', async () => {
    const items = Array.from(
      { length: 40 },
      (_, i) => `<a href="https://www.news.example.com/articles/${i}?utm_source=mail">Article ${i}</a>`,
    ).join('<br>')
    const html = `<html><body>
      <a href="https://click.news.example.com/ls/click?upn=abc123">View in browser</a>
      <a href="https://click.news.example.com/ls/click?upn=def">www.news.example.com</a>
      <a href="https://example.us1.list-manage.com/track/click?u=1&amp;id=2">https://www.news.example.com/offer</a>
      ${items}
      <a href="https://www.news.example.com/unsubscribe">Click here</a> to unsubscribe.
      <img src="https://www.news.example.com/open.gif">
    </body></html>`
    const text =
      'Read it online: https://www.news.example.com/issues/42\nUnsubscribe: https://www.news.example.com/unsubscribe'
    expect(await findingsOf(linksEngine, { from: 'News <news@news.example.com>', html, text })).toEqual([])
  })

  it('stays quiet on genuine PayPal mail', async () => {
    const html = `<a href="https://www.paypal.com/signin">www.paypal.com</a>
      <a href="https://paypal.me/someone">paypal.me/someone</a>
      <a href="https://www.paypalobjects.com/logo.png">logo</a>
      <a href="https://www.paypal.com/de/home">PayPal.com</a>`
    expect(await findingsOf(linksEngine, { from: 'PayPal <service@paypal.com>', html })).toEqual([])
  })

  it("stays quiet on the organization's own links and plain messages", async () => {
    const options = { organization: { domains: ['mycompany.com'] } }
    expect(
      await findingsOf(
        linksEngine,
        { text: 'See https://intranet.mycompany.com/wiki and mycompany.sharepoint.com' },
        options,
      ),
    ).toEqual([])
    expect(await findingsOf(linksEngine, { text: 'No links here at all.' })).toEqual([])
  })

  it('survives hostile bodies', async () => {
    const text = `${'http://'.repeat(50_000)}\n${'x'.repeat(1 << 20)}\nhttp://%zz/ https://[::1 https://example.com/%E0%A4%A`
    const html =
      '<a href="' + 'https://a.example/'.repeat(10_000) + '">' + '<a '.repeat(50_000) + '<a href="http://1.2.3.4/">x'
    const start = performance.now()
    const findings = await findingsOf(linksEngine, { text, html })
    expect(performance.now() - start).toBeLessThan(5000)
    expect(codesOf(findings)).toContain('LINK_IP_HOST')
  })

  it('finishes megabytes of URLs ending in runs of dots well within its deadline', async () => {
    // A /[.]+$/ trim restarted at every dot of each URL: 4 MB took seconds (ReDoS).
    const line = `http://a${'.'.repeat(4000)}a\n`
    const text = line.repeat(Math.floor((3 << 20) / line.length))
    const outcome = await runEngine(linksEngine, { text }, { timeoutMs: 2000 })
    expect(outcome.status).toBe('ok')
  })

  it('reads a lying link after 300,000 nested elements within its deadline', async () => {
    // htmlparser2 alone does O(depth) work per tag: this took seconds and timed the engine out.
    const html = `${'<div>'.repeat(300_000)}<a href="https://evil.example.net/">www.paypal.com</a>`
    const outcome = await runEngine(linksEngine, { html }, { timeoutMs: 2000 })
    expect(outcome).toMatchObject({ status: 'ok', findings: [{ code: 'LINK_TEXT_MISMATCH', severity: 'high' }] })
  })

  it('returns a timeout error when the deadline has passed, though no timer has fired', async () => {
    const message = await parseMessage(buildMessage({ text: 'https://bit.ly/x' }))
    const outcome = await linksEngine.scan(message, {
      config: linksEngine.configSchema.parse({}),
      signal: new AbortController().signal,
      deadline: createDeadline(0),
      limits: DEFAULT_LIMITS,
      organization: EMPTY_ORGANIZATION,
      log: silentLogger,
    })
    expect(outcome).toMatchObject({ status: 'error', errorCode: 'Timeout' })
  })
})
