import { describe, expect, it } from 'vitest'
import type { FeedEntry } from './entry.ts'
import { FeedIndex } from './feed-index.ts'
import { lookupKey, urlKey } from './normalise-url.ts'
import { DEFAULT_SHARED_HOSTS } from './shared-hosts.ts'

function indexOf(entries: FeedEntry[]): FeedIndex {
  const index = new FeedIndex(new Set([...DEFAULT_SHARED_HOSTS, 'bit.ly']))
  for (const entry of entries) index.add(entry)
  return index
}
const url = (raw: string, extra: Partial<FeedEntry> = {}): FeedEntry => ({
  kind: 'url',
  value: urlKey(raw)!.url,
  threat: 'phishing',
  ...extra,
})
const match = (index: FeedIndex, raw: string) => {
  const m = index.match(lookupKey(raw)!, 'feed')
  return m && { matchedBy: m.matchedBy, direct: m.direct, value: m.entry.value }
}

describe('FeedIndex matching rules', () => {
  it('matches the full URL however it is written', () => {
    const index = indexOf([url('https://paypa1-support.example/signin/index.php?s=1')])
    expect(match(index, 'HTTPS://PAYPA1-SUPPORT.EXAMPLE:443/signin/%69ndex.php?s=1#x')).toEqual({
      matchedBy: 'url',
      direct: true,
      value: 'https://paypa1-support.example/signin/index.php?s=1',
    })
  })

  it('counts other addresses on a listed host as a weaker match, but never on a shared host', () => {
    const index = indexOf([
      url('https://paypa1-support.example/signin/index.php?s=1'),
      url('https://docs.google.com/forms/d/e/1FAIpQLSdX/viewform'),
      url('https://raw.githubusercontent.com/evil/p/main/a.ps1'),
      url('https://bit.ly/3xPhish0'),
    ])
    expect(match(index, 'https://paypa1-support.example/signin/index.php?s=2')).toMatchObject({
      matchedBy: 'host',
      direct: false,
    })
    expect(match(index, 'https://docs.google.com/forms/d/e/1FAIpQLSdX/viewform')?.direct).toBe(true)
    expect(match(index, 'https://docs.google.com/document/d/abc/edit')).toBeNull()
    expect(match(index, 'https://raw.githubusercontent.com/good/repo/main/README.md')).toBeNull()
    expect(match(index, 'https://bit.ly/other')).toBeNull()
    // A URL entry never condemns its registered domain or sibling hosts.
    expect(match(index, 'https://www.paypa1-support.example/')).toBeNull()
  })

  it('lists a whole host for a site-root entry or an ip:port IOC', () => {
    const index = indexOf([
      url('https://secure-login.weebly.test/'),
      { kind: 'host', value: '198.51.100.66', threat: 'botnet_cc' },
      url('https://docs.google.com/'),
    ])
    expect(match(index, 'https://secure-login.weebly.test/step2')).toMatchObject({ matchedBy: 'host', direct: true })
    expect(match(index, 'http://198.51.100.66:8080/gate')).toMatchObject({ matchedBy: 'host', direct: true })
    expect(match(index, 'https://other.weebly.test/')).toBeNull()
    expect(match(index, 'https://docs.google.com/x')).toBeNull()
  })

  it('matches domain IOCs on the domain and every name under it, not on siblings or parents', () => {
    const index = indexOf([
      { kind: 'domain', value: 'c2-panel.example', threat: 'botnet_cc' },
      { kind: 'domain', value: 'stage2.dropper-cdn.example', threat: 'payload_delivery' },
    ])
    expect(match(index, 'https://c2-panel.example/')).toMatchObject({ matchedBy: 'domain', direct: true })
    expect(match(index, 'https://a.b.c2-panel.example/x')).toMatchObject({
      matchedBy: 'domain',
      value: 'c2-panel.example',
    })
    expect(match(index, 'https://x.stage2.dropper-cdn.example/')).toMatchObject({ matchedBy: 'domain' })
    expect(match(index, 'https://dropper-cdn.example/')).toBeNull()
    expect(match(index, 'https://other.dropper-cdn.example/')).toBeNull()
    expect(match(index, 'https://notc2-panel.example/')).toBeNull()
  })

  it('refuses domain entries that are shared hosts or public suffixes, and offline entries as neighbours', () => {
    const index = new FeedIndex(new Set(DEFAULT_SHARED_HOSTS))
    expect(index.add({ kind: 'domain', value: 'google.com', threat: 'x' })).toBe('ignored')
    expect(index.add({ kind: 'domain', value: 'sites.google.com', threat: 'x' })).toBe('ignored')
    expect(index.add({ kind: 'domain', value: 'co.uk', threat: 'x' })).toBe('ignored')
    expect(index.add(url('http://bakery-shop.example/wp-admin/x.js', { online: false }))).toBe('added')
    expect(index.add(url('http://bakery-shop.example/wp-admin/x.js'))).toBe('duplicate')
    expect(index.size).toBe(1)
    expect(match(index, 'http://bakery-shop.example/wp-admin/x.js')).toMatchObject({ matchedBy: 'url' })
    expect(match(index, 'http://bakery-shop.example/menu')).toBeNull()
  })

  it('prefers the closest match', () => {
    const index = indexOf([
      url('https://evil.example/a'),
      url('https://evil.example/'),
      { kind: 'domain', value: 'evil.example', threat: 'botnet_cc' },
    ])
    expect(match(index, 'https://evil.example/a')?.matchedBy).toBe('url')
    expect(match(index, 'https://evil.example/b')?.matchedBy).toBe('host')
    expect(match(index, 'https://www.evil.example/b')?.matchedBy).toBe('domain')
  })
})
