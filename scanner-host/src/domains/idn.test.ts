import { describe, expect, it } from 'vitest'
import { hasNonAscii, isPunycode, toAscii, toUnicode } from './idn.ts'

describe('IDN helpers', () => {
  it('recognises A-labels anywhere in the name (RFC 5890)', () => {
    expect(isPunycode('xn--pypal-4ve.com')).toBe(true)
    expect(isPunycode('www.xn--mnchen-3ya.de')).toBe(true)
    expect(isPunycode('paypal.com')).toBe(false)
    expect(isPunycode('exn--a.com')).toBe(false)
  })

  it('converts between punycode (RFC 3492) and Unicode', () => {
    expect(toUnicode('xn--pypal-4ve.com')).toBe('p\u0430ypal.com')
    expect(toAscii('p\u0430ypal.com')).toBe('xn--pypal-4ve.com')
    expect(toAscii('M\u00fcnchen.DE')).toBe('xn--mnchen-3ya.de')
  })

  it('maps full-width letters as browsers do (UTS #46)', () => {
    expect(toAscii('\uff50\uff41\uff59\uff50\uff41\uff4c.com')).toBe('paypal.com')
  })

  it('never throws on invalid names', () => {
    expect(toUnicode('xn--zz.com')).toBe('xn--zz.com')
    expect(toAscii('a b\u00e9.com')).toBeNull()
    expect(hasNonAscii('abc')).toBe(false)
    expect(hasNonAscii('ab\u00e9')).toBe(true)
  })
})
