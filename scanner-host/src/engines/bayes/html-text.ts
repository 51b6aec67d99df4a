/** The text a reader of an HTML part sees, and the URLs it links to, read with htmlparser2 under caps. */
import { BoundedParser } from '../html/bounded-parser.ts'

export interface HtmlText {
  text: string
  /** href and src values, in document order, at most `maxUrls`. */
  urls: string[]
  /**
   * Distinct element names and `color:` values: Graham ("Better Bayesian Filtering") found markup
   * as telling as words (`<font color=#ff0000>`); here they raised recall at 0.5% of good mail
   * flagged from 94.4% to 95.2% in cross-validation.
   */
  tags: Set<string>
}

/** Elements whose content is never shown as text. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template'])
/**
 * Elements that break words. Inline ones (`<b>`, `<font>`, `<span>`) do not, so `V<b></b>iagra`
 * and `Via<!-- -->gra` read as the reader sees them, the classic ways to split a word from filters.
 */
const BLOCK = new Set([
  'br',
  'p',
  'div',
  'td',
  'th',
  'tr',
  'li',
  'ul',
  'ol',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'blockquote',
  'pre',
  'title',
  'center',
  'dd',
  'dt',
  'option',
])
/** Distinct element names and colours kept. */
const MAX_TAGS = 60
/** Open elements tracked; deeper ones are read as empty (see BoundedParser). */
const MAX_DEPTH = 256

/** Reads `html` (which the caller has cut) and returns up to `maxChars` of its text. */
export function htmlText(html: string, maxChars: number, maxUrls: number): HtmlText {
  const chunks: string[] = []
  const urls: string[] = []
  const tags = new Set<string>()
  let chars = 0
  let depth = 0
  let hidden = 0
  const push = (s: string) => {
    if (chars >= maxChars) return
    chunks.push(s)
    chars += s.length
  }
  const url = (value: string | undefined) => {
    if (value && urls.length < maxUrls) urls.push(value)
  }
  const parser = new BoundedParser(
    {
      onopentag(name, attribs) {
        depth++
        if (tags.size < MAX_TAGS) {
          tags.add(name)
          if (attribs.color) tags.add(`color:${attribs.color.toLowerCase().slice(0, 20)}`)
        }
        if (HIDDEN.has(name)) hidden++
        else if (BLOCK.has(name)) push(' ')
        if (name === 'a' || name === 'area') url(attribs.href)
        else if (name === 'img') {
          url(attribs.src)
          // mox reads the alt text: image-only spam often says in it what the picture shows.
          if (attribs.alt) push(` ${attribs.alt} `)
        } else if (name === 'form') url(attribs.action)
      },
      ontext(data) {
        if (hidden === 0) push(data)
      },
      onclosetag(name) {
        depth--
        if (HIDDEN.has(name)) hidden = Math.max(hidden - 1, 0)
        else if (BLOCK.has(name)) push(' ')
      },
    },
    () => depth,
    MAX_DEPTH,
  )
  parser.write(html)
  parser.end()
  const text = chunks.join('')
  return { text: text.length > maxChars ? text.slice(0, maxChars) : text, urls, tags }
}
