import { describe, expect, it } from 'vitest'
import { parseArcAuthenticationResults, parseAuthenticationResults } from './authentication-results.ts'

describe('parseAuthenticationResults (RFC 8601)', () => {
  it('reads Gmail-style results with comments and ptype.property values', () => {
    const parsed = parseAuthenticationResults(
      'mx.google.com; dkim=pass header.i=@example.org header.s=s1 header.b=Ab1Cd2; spf=pass (google.com: domain of alice@example.org designates 192.0.2.10 as permitted sender) smtp.mailfrom=alice@example.org; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org',
    )
    expect(parsed.authservId).toBe('mx.google.com')
    expect(parsed.results.map((r) => [r.method, r.result])).toEqual([
      ['dkim', 'pass'],
      ['spf', 'pass'],
      ['dmarc', 'pass'],
    ])
    expect(parsed.results[0]?.props).toEqual({ 'header.i': '@example.org', 'header.s': 's1', 'header.b': 'Ab1Cd2' })
    expect(parsed.results[2]?.comment).toBe('p=REJECT sp=REJECT dis=NONE')
  })

  it('reads a version, reason=, quoted values, nested comments and CFWS around "="', () => {
    const parsed = parseAuthenticationResults(
      '"mx.example.com" 1; dkim = fail reason="signature (verify) failed" (outer (nested; with semicolon)) header.d=example.org; spf=softfail smtp.mailfrom="a;b"@example.org',
    )
    expect(parsed.authservId).toBe('mx.example.com')
    expect(parsed.results[0]).toMatchObject({
      method: 'dkim',
      result: 'fail',
      reason: 'signature (verify) failed',
      props: { 'header.d': 'example.org' },
      comment: 'outer (nested; with semicolon)',
    })
    expect(parsed.results[1]).toMatchObject({ method: 'spf', result: 'softfail' })
  })

  it('reads "none" as no results, and method versions', () => {
    expect(parseAuthenticationResults('mx.example.com; none')).toEqual({ authservId: 'mx.example.com', results: [] })
    expect(parseAuthenticationResults('mx.example.com; dkim/1=pass header.d=x.example').results[0]?.method).toBe('dkim')
  })

  it('has no authserv-id for Microsoft 365 headers, which omit it', () => {
    const parsed = parseAuthenticationResults(
      'spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=example.org; dkim=pass (signature was verified) header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100',
    )
    expect(parsed.authservId).toBeNull()
    expect(parsed.results.map((r) => r.method)).toEqual(['spf', 'dkim', 'dmarc', 'compauth'])
    expect(parsed.results[2]?.props.action).toBe('none')
  })

  it('survives hostile input', () => {
    expect(parseAuthenticationResults('').results).toEqual([])
    expect(parseAuthenticationResults('x; (unclosed comment dkim=pass').results).toEqual([])
    expect(parseAuthenticationResults('x; __proto__=pass __proto__=1 constructor=2').results[0]?.props).toEqual({
      constructor: '2',
    })
    // One long word without "=": a regular expression would backtrack quadratically here.
    expect(parseAuthenticationResults('x; ' + 'a'.repeat(16_384)).results).toEqual([])
    const huge = parseAuthenticationResults('x' + '; dkim=pass header.d=a.example'.repeat(100_000))
    expect(huge.results.length).toBeLessThanOrEqual(50)
  })
})

describe('parseArcAuthenticationResults (RFC 8617 s4.1.1)', () => {
  it('reads the instance before the authserv-id', () => {
    const parsed = parseArcAuthenticationResults('i=2; lists.example.net; dmarc=pass header.from=example.org')
    expect(parsed).toMatchObject({ instance: 2, authservId: 'lists.example.net' })
    expect(parsed.results[0]?.props['header.from']).toBe('example.org')
  })
})
