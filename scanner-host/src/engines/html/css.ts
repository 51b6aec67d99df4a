/** Just enough CSS for hidden text: inline declarations, tiny lengths, and what a style sheet may reveal. */

/** Lower-case property -> lower-case value, last declaration winning as in CSS. */
export type Declarations = ReadonlyMap<string, string>

export const NO_DECLARATIONS: Declarations = new Map()

/** Parses an inline `style` attribute; `!important` is dropped (inline styles win either way here). */
export function parseStyle(style: string): Declarations {
  // Comments can split a keyword (`display:/**/none`); browsers ignore them, so must we.
  const source = style.includes('/*') ? style.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '') : style
  const out = new Map<string, string>()
  for (const part of source.split(';')) {
    const colon = part.indexOf(':')
    if (colon <= 0) continue
    const property = part.slice(0, colon).trim().toLowerCase()
    let value = part.slice(colon + 1).toLowerCase()
    const bang = value.indexOf('!')
    if (bang >= 0) value = value.slice(0, bang)
    out.set(property, value.trim())
  }
  return out
}

/** True for `0`, `0px`, `0%`, `0em`: a length that leaves no room at all. */
export function isZeroLength(value: string | undefined): boolean {
  return value !== undefined && parseFloat(value) === 0
}

/** True for a length below -999 (px or unit-less), the usual way to push text off screen. */
export function isFarNegative(value: string | undefined): boolean {
  return value !== undefined && parseFloat(value) <= -999
}

/**
 * True when a font size makes text unreadable: 0 in any unit, or about a pixel or less. Keywords
 * (`small`, `x-small`) stay readable.
 */
export function isTinyFontSize(value: string): boolean {
  const n = parseFloat(value)
  if (Number.isNaN(n)) return false
  if (n <= 0) return true
  const unit = value.slice(value.search(/[a-z%]|$/))
  switch (unit) {
    case '':
    case 'px':
    case 'pt':
      return n <= 1
    case '%':
      return n <= 10
    case 'em':
    case 'rem':
    case 'ex':
    case 'ch':
      return n <= 0.1
    default:
      return false
  }
}

/** Properties by which a style sheet rule can make inline-hidden content visible again. */
const REVEALING_PROPERTY = /display|visibility|height|width|font|opacity|overflow|color|position|clip|indent/

/**
 * Adds to `into` the `.class` and `#id` selectors of rules that set a revealing property. Responsive
 * newsletters hide mobile-only blocks inline (`display:none`) and show them from a media query;
 * such blocks are not hidden text. A linear scan, not a regex: style sheets are attacker-supplied.
 */
export function collectRevealingSelectors(css: string, into: Set<string>): void {
  let segmentStart = 0
  let selector: string | null = null
  for (let i = 0; i < css.length; i++) {
    const c = css.charCodeAt(i)
    if (c === 0x7b /* { */) {
      selector = css.slice(segmentStart, i)
      segmentStart = i + 1
    } else if (c === 0x7d /* } */) {
      if (selector !== null && REVEALING_PROPERTY.test(css.slice(segmentStart, i).toLowerCase())) {
        for (const match of selector.matchAll(/[.#]-?[_a-zA-Z][\w-]*/g)) into.add(match[0].toLowerCase())
      }
      selector = null
      segmentStart = i + 1
    }
  }
}

/** True when the element's class or id is named by a revealing rule. */
export function mayBeRevealed(attribs: Record<string, string>, revealing: ReadonlySet<string>): boolean {
  if (revealing.size === 0) return false
  const id = attribs['id']
  if (id !== undefined && revealing.has('#' + id.trim().toLowerCase())) return true
  const classes = attribs['class']
  if (classes === undefined) return false
  for (const name of classes.toLowerCase().split(/\s+/)) {
    if (name.length > 0 && revealing.has('.' + name)) return true
  }
  return false
}
