/** Anchors in HTML: href and displayed text of <a>, href of <area>, read with htmlparser2. */
import type { Deadline } from '../engine.ts'
import { BoundedParser } from '../html/bounded-parser.ts'

export interface Anchor {
  href: string
  /** Text between <a> and </a>, whitespace collapsed and cut; absent for <area>. */
  text?: string
}

/** Displayed text kept per anchor: enough for any URL a reader can take in at a glance. */
const MAX_TEXT = 300
/** HTML handed to the parser at a time, so a deadline can stop a huge body between slices. */
const SLICE = 64 * 1024
/**
 * Open elements tracked. htmlparser2 does O(depth) work per tag, so 800,000 nested `<div>` took a
 * minute and timed the engine out; deeper elements are read as empty (see BoundedParser).
 */
const MAX_DEPTH = 256

export interface AnchorOptions {
  /** Stops reading between slices once passed; the anchors found so far are returned. */
  deadline?: Deadline
  /** Anchors whose href fails this are dropped before they count against `max` (mailto:, #top). */
  keep?: (href: string) => boolean
}

/** Anchors in document order, duplicates (same href and text) dropped, at most `max`. */
export function anchorsInHtml(html: string, max: number, options: AnchorOptions = {}): Anchor[] {
  const anchors: Anchor[] = []
  const seen = new Set<string>()
  if (max <= 0) return anchors
  let open: { href: string; text: string } | null = null
  let depth = 0
  /**
   * Per open <a> as the parser sees it (it lets them nest, HTML does not): whether it was opened
   * past the depth cap. Only those count against keeping another one real there, so an unclosed
   * <a> near the top cannot turn every deeper anchor into an empty element.
   */
  const anchorStack: boolean[] = []
  let deepAnchors = 0

  const add = (anchor: Anchor) => {
    const key = `${anchor.href}\u0000${anchor.text ?? ''}`
    if (anchors.length < max && !seen.has(key) && (options.keep?.(anchor.href) ?? true)) {
      seen.add(key)
      anchors.push(anchor)
    }
  }
  const close = () => {
    if (!open) return
    const text = open.text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT)
    add({ href: open.href, text })
    open = null
  }

  const parser = new BoundedParser(
    {
      onopentag(name, attribs) {
        if (name === 'a') {
          const deep = depth >= MAX_DEPTH
          anchorStack.push(deep)
          if (deep) deepAnchors++
          // Anchors do not nest (HTML s4.5.1): a new <a> ends the previous one.
          close()
          const href = hrefOf(attribs)
          if (href !== undefined) open = { href, text: '' }
        } else if (name === 'area') {
          const href = hrefOf(attribs)
          if (href !== undefined) add({ href })
        }
        depth++
      },
      ontext(data) {
        if (open && open.text.length < MAX_TEXT * 2) open.text += data.slice(0, MAX_TEXT * 2)
      },
      onclosetag(name) {
        depth--
        if (name === 'a') {
          if (anchorStack.pop()) deepAnchors--
          close()
        }
      },
    },
    () => depth,
    MAX_DEPTH,
    {
      // Attribute names are matched case-insensitively in hrefOf: lower-casing every attribute is slower.
      parser: { lowerCaseAttributeNames: false },
      // An anchor below the cap stays real so its text is still read: padding a message with
      // nesting must not hide what a link shows. One at a time past the cap, or <a><a><a>... would
      // nest freely; anchors left open above the cap do not count.
      keep: (name) => name === 'a' && deepAnchors === 0,
    },
  )
  for (let offset = 0; offset < html.length && anchors.length < max; offset += SLICE) {
    if (options.deadline?.passed()) break
    parser.write(html.slice(offset, offset + SLICE))
  }
  parser.end()
  close()
  return anchors
}

/** The href attribute, whatever its case (HTML attribute names are case-insensitive). */
function hrefOf(attribs: Record<string, string>): string | undefined {
  if (attribs.href !== undefined) return attribs.href
  for (const name in attribs) if (name.toLowerCase() === 'href') return attribs[name]
  return undefined
}
