import { describe, expect, it } from 'vitest'
import { skeleton } from './confusables.ts'

describe('skeleton', () => {
  it('maps Cyrillic and Greek homoglyphs to Latin letters', () => {
    expect(skeleton('\u0440\u0430\u0443\u0440\u0430l')).toBe('paypal')
    expect(skeleton('\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501')).toBe('aeopcyxijsd')
    expect(skeleton('g\u03bf\u03bfgle')).toBe('google')
    expect(skeleton('\u03b1\u03bd')).toBe('av')
  })

  it('maps digits and letter pairs that pass for letters', () => {
    expect(skeleton('paypa1')).toBe('paypal')
    expect(skeleton('g00gle')).toBe('google')
    expect(skeleton('rnicrosoft')).toBe('microsoft')
    expect(skeleton('vvellsfargo')).toBe('wellsfargo')
  })

  it('folds case, accents and full-width forms', () => {
    expect(skeleton('P\u00e0yP\u00e1l')).toBe('paypal')
    expect(skeleton('\uff50\uff41\uff59\uff50\uff41\uff4c')).toBe('paypal')
  })

  it('keeps unrelated names apart', () => {
    expect(skeleton('paypal')).not.toBe(skeleton('paypay'))
    expect(skeleton('example.com')).toBe('example.com')
  })
})
