/** Hidden text: follows inherited styles down the element stack and counts text a reader cannot see. */
import { parseColor, parseLegacyColor, sameColor, type Rgba } from './colors.ts'
import {
  collectRevealingSelectors,
  isFarNegative,
  isTinyFontSize,
  isZeroLength,
  mayBeRevealed,
  NO_DECLARATIONS,
  parseStyle,
  type Declarations,
} from './css.ts'

export interface HiddenTextReport {
  /** Meaningful characters (no spaces or zero-width fillers) the reader cannot see. */
  hiddenChars: number
  /** Of those, the characters not excused as a newsletter preview line. */
  countedChars: number
  techniques: string[]
  /** The start of the counted hidden text, whitespace collapsed. */
  sample: string
}

export interface HiddenTextOptions {
  /** Hidden characters near the top excused as a preview line (preheader). */
  preheaderMaxChars: number
}

/** A background is a colour, `unknown` (an image, translucency) or null for the page default. */
type Background = Rgba | 'unknown' | null

interface Frame {
  /** Why text here is invisible, or null when it is visible; NOT_RENDERED for title, script... */
  hiddenBy: string | null
  /** display:none and friends hide a subtree for good; descendants cannot undo them. */
  block: string | null
  /** Inherited, but a descendant can undo them (`font-size:14px`, `visibility:visible`). */
  tinyFont: boolean
  invisible: boolean
  /** Explicit text colour, or null when the client's default applies. */
  color: Rgba | null
  background: Background
  /** A style sheet rule names this element or the one hiding it, so a media query may show it. */
  revealable: boolean
  /**
   * Inside a table but not in a cell: browsers move such content out in front of the table
   * ("foster parenting"), away from the table's background.
   */
  fostered: boolean
}

const NOT_RENDERED = '(not rendered)'
const NOT_RENDERED_TAGS = new Set(['head', 'title', 'script', 'style', 'template', 'xml'])
const TABLE_PARTS = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr'])
const CELLS = new Set(['td', 'th', 'caption'])
const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 }
const SAMPLE_CHARS = 80
/** Style sheet text read per document: enough for any newsletter, bounded for hostile ones. */
const MAX_STYLESHEET_CHARS = 256 * 1024

const ROOT: Frame = {
  hiddenBy: null,
  block: null,
  tinyFont: false,
  invisible: false,
  color: null,
  background: null,
  revealable: false,
  fostered: false,
}

export class HiddenTextTracker {
  private readonly stack: Frame[] = [ROOT]
  private readonly revealing = new Set<string>()
  private stylesheetChars = 0
  /** Once a style sheet sets backgrounds, the page default is no longer known to be white. */
  private stylesheetSetsBackground = false
  /**
   * A preheader only works as the inbox preview when it comes before any visible text, so hidden
   * text is excused as one only until then; spam puts its filler after the visible pitch.
   */
  private sawVisibleText = false
  private preheaderUsed = 0
  private hiddenChars = 0
  private countedChars = 0
  private readonly techniques = new Set<string>()
  private sample = ''

  private readonly options: HiddenTextOptions

  constructor(options: HiddenTextOptions) {
    this.options = options
  }

  open(tag: string, attribs: Record<string, string>): void {
    const parent = this.stack[this.stack.length - 1]!
    const style = attribs['style'] === undefined ? NO_DECLARATIONS : parseStyle(attribs['style'])
    const ownBlock = blockingTechnique(style, attribs)
    const block = parent.block ?? ownBlock
    const fontSize = style.get('font-size')
    const tinyFont = fontSize === undefined ? parent.tinyFont : isTinyFontSize(fontSize)
    const visibility = style.get('visibility')
    const invisible = visibility === undefined ? parent.invisible : visibility === 'hidden' || visibility === 'collapse'
    const ownColor = textColor(tag, style, attribs)
    // Links take the client's link colour, not the colour of the text around them.
    const color = ownColor ?? (tag === 'a' ? null : parent.color)
    const background = ownBackground(style, attribs) ?? parent.background
    const startsHiding =
      ownBlock !== null || (tinyFont && !parent.tinyFont) || (invisible && !parent.invisible) || ownColor !== null
    const named = mayBeRevealed(attribs, this.revealing)
    const frame: Frame = {
      hiddenBy: null,
      block,
      tinyFont,
      invisible,
      color,
      background,
      revealable: startsHiding ? named : parent.revealable || named,
      fostered: TABLE_PARTS.has(tag) || (parent.fostered && !CELLS.has(tag)),
    }
    frame.hiddenBy =
      parent.hiddenBy === NOT_RENDERED || NOT_RENDERED_TAGS.has(tag) ? NOT_RENDERED : this.invisibility(frame)
    this.stack.push(frame)
  }

  close(): void {
    if (this.stack.length > 1) this.stack.pop()
  }

  text(text: string): void {
    const frame = this.stack[this.stack.length - 1]!
    if (frame.hiddenBy === NOT_RENDERED) return
    if (frame.hiddenBy === null) {
      if (!this.sawVisibleText) this.sawVisibleText = meaningfulChars(text) > 0
      return
    }
    if (frame.revealable) return
    const n = meaningfulChars(text)
    if (n === 0) return
    this.hiddenChars += n
    let excused = 0
    if (!this.sawVisibleText && this.preheaderUsed < this.options.preheaderMaxChars) {
      excused = Math.min(n, this.options.preheaderMaxChars - this.preheaderUsed)
      this.preheaderUsed += excused
    }
    if (excused === n) return
    this.countedChars += n - excused
    this.techniques.add(frame.hiddenBy)
    if (this.sample.length < SAMPLE_CHARS) {
      const piece = text.replace(/(?:[\s\u200b-\u200d\u2060\ufeff\u00ad]|\u034f)+/g, ' ').trim()
      this.sample = (this.sample.length > 0 ? `${this.sample} ${piece}` : piece).slice(0, SAMPLE_CHARS)
    }
  }

  /** Reads a `<style>` element: which classes it may reveal, and whether it paints backgrounds. */
  stylesheet(css: string): void {
    const room = MAX_STYLESHEET_CHARS - this.stylesheetChars
    if (room <= 0) return
    const text = css.length > room ? css.slice(0, room) : css
    this.stylesheetChars += text.length
    collectRevealingSelectors(text, this.revealing)
    if (/background/i.test(text)) this.stylesheetSetsBackground = true
  }

  report(): HiddenTextReport {
    return {
      hiddenChars: this.hiddenChars,
      countedChars: this.countedChars,
      techniques: [...this.techniques].sort(),
      sample: this.sample,
    }
  }

  private invisibility(frame: Frame): string | null {
    if (frame.block !== null) return frame.block
    if (frame.invisible) return 'visibility:hidden'
    if (frame.tinyFont) return 'font-size:0'
    if (frame.color === null) return null
    if (frame.color.a <= 0.1) return 'transparent text'
    if (frame.fostered) return null
    const background = frame.background !== null ? frame.background : this.stylesheetSetsBackground ? 'unknown' : WHITE
    return background !== 'unknown' && sameColor(frame.color, background) ? 'text colour matches background' : null
  }
}

/** Techniques that hide an element and everything in it, whatever the descendants say. */
function blockingTechnique(style: Declarations, attribs: Record<string, string>): string | null {
  if (style.get('display') === 'none') return 'display:none'
  if (attribs['hidden'] !== undefined) return 'hidden attribute'
  const opacity = style.get('opacity')
  if (opacity !== undefined && parseFloat(opacity) <= 0.05) return 'opacity:0'
  const clipped = style.get('overflow') === 'hidden'
  if (clipped && ['height', 'max-height', 'width', 'max-width'].some((property) => isZeroLength(style.get(property)))) {
    return 'zero-size box'
  }
  if (
    isFarNegative(style.get('text-indent')) ||
    (/absolute|fixed/.test(style.get('position') ?? '') &&
      (isFarNegative(style.get('left')) || isFarNegative(style.get('top'))))
  ) {
    return 'off-screen'
  }
  // mso-hide:all alone is not counted: it hides content from Outlook only, everyone else sees it.
  return null
}

function textColor(tag: string, style: Declarations, attribs: Record<string, string>): Rgba | null {
  const css = style.get('color')
  if (css !== undefined) return parseColor(css)
  if (tag === 'font' && attribs['color'] !== undefined) return parseLegacyColor(attribs['color'])
  if (tag === 'body' && attribs['text'] !== undefined) return parseLegacyColor(attribs['text'])
  return null
}

/** The element's own background, or null when it has none (transparent shows the parent's). */
function ownBackground(style: Declarations, attribs: Record<string, string>): Background {
  if (attribs['background'] !== undefined) return 'unknown'
  const image = style.get('background-image')
  if (image !== undefined && image !== '' && image !== 'none') return 'unknown'
  const css = style.get('background-color')
  const shorthand = style.get('background')
  let color: Rgba | null = null
  if (css !== undefined) color = parseColor(css)
  else if (shorthand !== undefined) {
    // An image or gradient covers the colour; what shows through is not known.
    if (/url\(|gradient\(/.test(shorthand)) return 'unknown'
    color = shorthandColor(shorthand)
  } else if (attribs['bgcolor'] !== undefined) color = parseLegacyColor(attribs['bgcolor'])
  if (color === null || color.a === 0) return null
  return color.a < 1 ? 'unknown' : color
}

/** The colour token of a `background` shorthand such as `#fff no-repeat` or `rgb(0 0 0) center`. */
function shorthandColor(value: string): Rgba | null {
  if (/^(?:rgb|hsl)a?\(/.test(value)) return parseColor(value)
  for (const token of value.split(/\s+/)) {
    const color = parseColor(token)
    if (color !== null) return color
  }
  return null
}

/** Characters a reader would see as text: not whitespace, not the zero-width fillers of preheaders. */
export function meaningfulChars(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c <= 0x20) continue
    if (c < 0x7f) {
      n++
      continue
    }
    if (c === 0xa0 || c === 0xad || c === 0x34f || c === 0xfeff || c === 0x3000 || c === 0x180e) continue
    if ((c >= 0x2000 && c <= 0x200f) || (c >= 0x2028 && c <= 0x202f) || (c >= 0x205f && c <= 0x2064)) continue
    n++
  }
  return n
}
