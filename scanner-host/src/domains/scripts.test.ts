import { describe, expect, it } from 'vitest'
import { isMixedScript, mixedScriptLabels, scriptsOf } from './scripts.ts'

describe('mixed scripts (UTS #39)', () => {
  it('names the scripts of letters and ignores digits and hyphens', () => {
    expect([...scriptsOf('p\u0430ypal-24')].sort()).toEqual(['Cyrillic', 'Latin'])
    expect([...scriptsOf('123-456')]).toEqual([])
  })

  it('flags Latin mixed with Cyrillic or Greek in one label', () => {
    expect(isMixedScript('p\u0430ypal')).toBe(true)
    expect(isMixedScript('g\u03bfogle')).toBe(true)
  })

  it('accepts single-script labels and the CJK combinations real names use', () => {
    expect(isMixedScript('paypal')).toBe(false)
    expect(isMixedScript('\u043f\u0440\u0438\u043c\u0435\u0440')).toBe(false)
    expect(isMixedScript('m\u00fcnchen')).toBe(false)
    expect(isMixedScript('\u6771\u4eac\u30bf\u30ef\u30fcabc')).toBe(false)
  })

  it('reports mixed labels of punycode hosts in Unicode form', () => {
    expect(mixedScriptLabels('login.xn--pypal-4ve.com')).toEqual([
      { label: 'p\u0430ypal', scripts: ['Cyrillic', 'Latin'] },
    ])
    expect(mixedScriptLabels('www.example.com')).toEqual([])
    expect(mixedScriptLabels('\u043f\u0440\u0438\u043c\u0435\u0440.com')).toEqual([])
  })
})
