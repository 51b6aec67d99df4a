import { describe, expect, it } from 'vitest'
import { parseColor, parseLegacyColor, sameColor } from './colors.ts'

describe('colours', () => {
  it('reads white however it is written', () => {
    const forms = [
      '#fff',
      '#FFFFFF',
      'white',
      'rgb(255,255,255)',
      'rgb(100%, 100%, 100%)',
      'rgba(255 255 255 / 1)',
      'hsl(0, 0%, 100%)',
    ]
    for (const form of forms) expect(parseColor(form), form).toEqual({ r: 255, g: 255, b: 255, a: 1 })
  })

  it('reads alpha, transparency and legacy attribute values', () => {
    expect(parseColor('transparent')?.a).toBe(0)
    expect(parseColor('rgba(0,0,0,0.5)')?.a).toBe(0.5)
    expect(parseColor('#00000080')?.a).toBeCloseTo(0.5, 1)
    expect(parseLegacyColor('ffffff')).toEqual({ r: 255, g: 255, b: 255, a: 1 })
    expect(parseColor('ffffff')).toBeNull()
  })

  it('rejects what is not a colour', () => {
    for (const value of ['', 'inherit', '#ggg', '#12345', 'rgb(1,2)', 'url(x.png)'])
      expect(parseColor(value), value).toBeNull()
  })

  it('treats near-identical opaque colours as the same, but not translucent ones', () => {
    const white = parseColor('white')!
    expect(sameColor(white, parseColor('#fefefe')!)).toBe(true)
    expect(sameColor(white, parseColor('#eeeeee')!)).toBe(false)
    expect(sameColor(white, parseColor('rgba(255,255,255,0.5)')!)).toBe(false)
  })
})
