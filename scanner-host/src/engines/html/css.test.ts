import { describe, expect, it } from 'vitest'
import { collectRevealingSelectors, isTinyFontSize, mayBeRevealed, parseStyle } from './css.ts'

describe('css', () => {
  it('parses inline styles: case, !important, comments, last declaration wins', () => {
    const style = parseStyle('DISPLAY: Block; display:/* x */none !important; color : #FFF;;junk')
    expect(style.get('display')).toBe('none')
    expect(style.get('color')).toBe('#fff')
    expect(style.has('junk')).toBe(false)
  })

  it('tells tiny font sizes from small readable ones', () => {
    for (const size of ['0', '0px', '0pt', '0em', '1px', '0.5pt', '0.05em', '5%'])
      expect(isTinyFontSize(size), size).toBe(true)
    for (const size of ['2px', '10pt', '0.8em', 'small', 'x-small', '50%'])
      expect(isTinyFontSize(size), size).toBe(false)
  })

  it('collects classes and ids a style sheet can reveal, including inside media queries', () => {
    const revealing = new Set<string>()
    collectRevealingSelectors(
      '.plain { color: red } @media (max-width:600px) { .Mobile-Only, #promo { display:block !important } } .x { margin: 0 }',
      revealing,
    )
    expect([...revealing].sort()).toEqual(['#promo', '.mobile-only', '.plain'])
    expect(mayBeRevealed({ class: 'row  mobile-only' }, revealing)).toBe(true)
    expect(mayBeRevealed({ class: 'x' }, revealing)).toBe(false)
  })

  it('scans hostile style sheets in linear time', () => {
    const started = performance.now()
    collectRevealingSelectors('a'.repeat(2_000_000) + '{'.repeat(100_000) + '}'.repeat(100_000), new Set())
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
