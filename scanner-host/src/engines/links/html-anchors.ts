/** Anchors in HTML: href and displayed text of <a>, href of <area>, read with htmlparser2. */
import { Parser } from 'htmlparser2'

export interface Anchor {
  href: string
  /** Text between <a> and </a>, whitespace collapsed and cut; absent for <area>. */
  text?: string
}

/** Displayed text kept per anchor: enough for any URL a reader can take in at a glance. */
const MAX_TEXT = 300
/** HTML handed to the parser at a time, so a deadline can stop a huge body between slices. */
const SLICE = 64 * 1024

/** Anchors in document order, duplicates (same href and text) dropped, at most `max`. */
export function anchorsInHtml(html: string, max: number, signal?: AbortSignal): Anchor[] {
  const anchors: Anchor[] = []
  const seen = new Set<string>()
  if (max <= 0) return anchors
  let open: { href: string; text: string } | null = null

  const add = (anchor: Anchor) => {
    const key = `${anchor.href}\u0000${anchor.text ?? ''}`
    if (anchors.length < max && !seen.has(key)) {
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

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'a') {
          // Anchors do not nest (HTML s4.5.1): a new <a> ends the previous one.
          close()
          const href = hrefOf(attribs)
          if (href !== undefined) open = { href, text: '' }
        } else if (name === 'area') {
          const href = hrefOf(attribs)
          if (href !== undefined) add({ href })
        }
      },
      ontext(data) {
        if (open && open.text.length < MAX_TEXT * 2) open.text += data.slice(0, MAX_TEXT * 2)
      },
      onclosetag(name) {
        if (name === 'a') close()
      },
    },
    // Attribute names are matched case-insensitively in hrefOf: lower-casing every attribute is slower.
    { decodeEntities: true, lowerCaseAttributeNames: false },
  )
  for (let offset = 0; offset < html.length && anchors.length < max; offset += SLICE) {
    if (signal?.aborted) break
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
