import { createSocket, type Socket } from 'node:dgram'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveLoopback, type Loopback } from '../testing/loopback.ts'
import { dnsResolver, type ResolveHost } from './resolve-host.ts'
import { TtlCache } from './ttl-cache.ts'
import { Unshortener, type UnshortenOptions } from './unshortener.ts'

/** A stand-in for DNS: names of the test shortener and of the traps it redirects to. */
const NAMES: Record<string, string[]> = {
  'short.test': ['127.0.0.1'],
  'metadata.short.test': ['169.254.169.254'],
  'internal.short.test': ['10.0.0.5'],
  'mapped.short.test': ['::ffff:10.0.0.5'],
  'rebind.short.test': ['93.184.215.14', '192.168.1.20'],
}
const stubResolve: ResolveHost = async (host) => {
  const addresses = NAMES[host]
  if (!addresses) throw Object.assign(new Error(`queryA ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
  return addresses
}

describe('Unshortener', () => {
  let shortener: Loopback
  let base: string
  const hits = new Map<string, number>()

  beforeAll(async () => {
    shortener = await serveLoopback((req, res) => {
      const path = req.url ?? '/'
      hits.set(path, (hits.get(path) ?? 0) + 1)
      const redirect = (location: string, status = 301) => res.writeHead(status, { location }).end()
      switch (path) {
        case '/abc':
          return redirect(`${base}/def`)
        case '/def':
          return redirect('https://payload-host.example/landing?id=7#frag', 302)
        case '/relative':
          return redirect('/def', 307)
        case '/no-head':
          if (req.method === 'HEAD') return void res.writeHead(405).end()
          res.writeHead(302, { location: 'https://wellsfarg0-verify.example/online/' })
          // A body the unshortener must not wait for.
          res.write('x'.repeat(64 * 1024))
          return
        case '/loop':
          return redirect(`${base}/loop`)
        case '/metadata-ip':
          return redirect('http://169.254.169.254/latest/meta-data/iam/security-credentials/')
        case '/metadata-name':
          return redirect('http://metadata.short.test/latest/meta-data/')
        case '/ten':
          return redirect('http://internal.short.test/admin')
        case '/mapped':
          return redirect('http://mapped.short.test/admin')
        case '/rebind':
          return redirect('http://rebind.short.test/x')
        case '/javascript':
          return redirect('javascript:alert(document.domain)')
        case '/credentials':
          return redirect(`http://admin:secret@short.test:${shortener.port}/def`)
        case '/long':
          return redirect(`https://x.example/${'a'.repeat(5000)}`)
        case '/page':
          return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>preview</html>')
        case '/slow':
          return // never answers
        default:
          return void res.writeHead(404).end()
      }
    })
    base = `http://short.test:${shortener.port}`
  })
  afterAll(() => shortener.close())

  const create = (options: Partial<UnshortenOptions> = {}) =>
    new Unshortener({
      shorteners: ['short.test', '127.0.0.1'],
      resolve: stubResolve,
      allowedNetworks: ['127.0.0.0/8'],
      ...options,
    })
  const never = () => new AbortController().signal

  it('follows a chain of shortener redirects to a destination it does not contact', async () => {
    const result = await create().unshorten(`${base}/abc`, never())
    expect(result).toEqual({
      outcome: 'resolved',
      url: `${base}/abc`,
      final: 'https://payload-host.example/landing?id=7',
      hops: 2,
      chain: [`${base}/abc`, `${base}/def`, 'https://payload-host.example/landing?id=7'],
    })
    expect((await create().unshorten(`${base}/relative`, never())).final).toBe(
      'https://payload-host.example/landing?id=7',
    )
  })

  it('falls back to GET when HEAD is refused, without reading the body', async () => {
    const result = await create().unshorten(`${base}/no-head`, never())
    expect(result).toMatchObject({ outcome: 'resolved', final: 'https://wellsfarg0-verify.example/online/', hops: 1 })
  })

  it('refuses loopback without an allowance, by name and as an IP literal', async () => {
    const strict = create({ allowedNetworks: [] })
    const before = hits.get('/abc')
    expect(await strict.unshorten(`${base}/abc`, never())).toMatchObject({
      outcome: 'refused',
      hops: 0,
      reason: 'short.test resolves to loopback address 127.0.0.1',
    })
    expect(await strict.unshorten(`http://127.0.0.1:${shortener.port}/abc`, never())).toMatchObject({
      outcome: 'refused',
      reason: 'loopback address 127.0.0.1',
    })
    // Refused before connecting: the stand-in saw no request.
    expect(hits.get('/abc')).toBe(before)
  })

  it('refuses redirects to the metadata address, private networks and names that resolve there', async () => {
    const unshortener = create()
    const reasons = async (path: string) => {
      const result = await unshortener.unshorten(`${base}${path}`, never())
      return [result.outcome, result.reason, result.final]
    }
    expect(await reasons('/metadata-ip')).toEqual([
      'refused',
      'redirects to link-local address 169.254.169.254',
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    ])
    expect((await reasons('/metadata-name')).slice(0, 2)).toEqual([
      'refused',
      'metadata.short.test resolves to link-local address 169.254.169.254',
    ])
    expect((await reasons('/ten')).slice(0, 2)).toEqual([
      'refused',
      'internal.short.test resolves to private address 10.0.0.5',
    ])
    expect((await reasons('/mapped')).slice(0, 2)).toEqual([
      'refused',
      'mapped.short.test resolves to private address ::ffff:10.0.0.5',
    ])
    // One internal address among public ones is enough: the name is a trap.
    expect((await reasons('/rebind'))[1]).toBe('rebind.short.test resolves to private address 192.168.1.20')
  })

  it('stops after maxHops requests', async () => {
    hits.delete('/loop')
    const result = await create({ maxHops: 3 }).unshorten(`${base}/loop`, never())
    expect(result).toMatchObject({ outcome: 'unresolved', reason: 'still redirecting after 3 hops', hops: 3 })
    expect(hits.get('/loop')).toBe(3)
  })

  it('refuses other schemes, credentials, overlong redirects and hosts that are not shorteners', async () => {
    const unshortener = create()
    expect(await unshortener.unshorten(`${base}/javascript`, never())).toMatchObject({
      outcome: 'refused',
      reason: 'redirects to a javascript: address',
    })
    expect(await unshortener.unshorten(`${base}/credentials`, never())).toMatchObject({
      outcome: 'refused',
      reason: 'redirects to an address with a user name or password',
    })
    expect(await unshortener.unshorten(`${base}/long`, never())).toMatchObject({
      outcome: 'refused',
      reason: 'the redirect is longer than 2048 characters',
    })
    expect(await unshortener.unshorten(`ftp://short.test/x`, never())).toMatchObject({ reason: 'a ftp: address' })
    expect(await unshortener.unshorten(`http://u:p@short.test:${shortener.port}/abc`, never())).toMatchObject({
      outcome: 'refused',
    })
    expect(await unshortener.unshorten('https://www.example.com/', never())).toMatchObject({
      outcome: 'refused',
      reason: 'not a known shortener',
    })
  })

  it('gives up at its deadline and at the caller deadline, as an answer', async () => {
    expect(await create({ timeoutMs: 200 }).unshorten(`${base}/slow`, never())).toMatchObject({
      outcome: 'unresolved',
      reason: 'not followed within 200 ms',
    })
    expect(await create().unshorten(`${base}/slow`, AbortSignal.timeout(100))).toMatchObject({
      outcome: 'unresolved',
      reason: 'the scan deadline passed',
    })
    expect(await create().unshorten(`${base}/page`, never())).toMatchObject({
      outcome: 'unresolved',
      reason: `short.test:${shortener.port} answered 200 without a redirect`,
    })
    expect(await create().unshorten(`http://unknown.short.test/x`, never())).toMatchObject({
      outcome: 'unresolved',
      reason: 'no address for unknown.short.test (queryA ENOTFOUND unknown.short.test)',
    })
  })

  it('remembers answers, and asks once for links followed at the same time', async () => {
    const unshortener = create()
    hits.delete('/abc')
    const both = await Promise.all([
      unshortener.unshorten(`${base}/abc`, never()),
      unshortener.unshorten(`${base}/abc#x`, never()),
    ])
    expect(both[0]).toEqual(both[1])
    await unshortener.unshorten(`${base}/abc`, never())
    expect(hits.get('/abc')).toBe(1)
  })

  it('says "not resolved" within the deadline when DNS never answers', async () => {
    // A DNS server that takes every query and answers none, like this machine's resolver.
    const blackhole: Socket = createSocket('udp4')
    let queries = 0
    blackhole.on('message', () => queries++)
    await new Promise<void>((resolve) => blackhole.bind(0, '127.0.0.1', resolve))
    const { port } = blackhole.address() as AddressInfo
    const unshortener = new Unshortener({
      shorteners: ['bit.ly'],
      resolve: dnsResolver([`127.0.0.1:${port}`]),
      timeoutMs: 300,
    })
    const result = await unshortener.unshorten('https://bit.ly/3xYz', never())
    expect(result.outcome).toBe('unresolved')
    expect(result.reason).toMatch(/^(no address for bit\.ly|not followed within 300 ms)/)
    expect(queries).toBeGreaterThan(0)
    blackhole.close()
  })
})

describe('TtlCache', () => {
  it('forgets the least recently used entry and expired ones', () => {
    const cache = new TtlCache<number>(2)
    cache.set('a', 1, 1000, 0)
    cache.set('b', 2, 1000, 0)
    expect(cache.get('a', 1)).toBe(1)
    cache.set('c', 3, 1000, 2)
    expect([cache.get('a', 3), cache.get('b', 3), cache.get('c', 3)]).toEqual([1, undefined, 3])
    expect(cache.get('a', 5000)).toBeUndefined()
  })
})
