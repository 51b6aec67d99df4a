/** Markup sniffing: HTML pages and SVG images, and whether an SVG carries script. */

/**
 * WHATWG MIME Sniffing s7.1 ("identifying a resource with an unknown MIME type"): after leading
 * whitespace, one of these tags followed by a tag-terminating byte (space or '>') means HTML.
 */
const HTML_OPENERS = [
  '<!doctype html',
  '<html',
  '<head',
  '<script',
  '<iframe',
  '<h1',
  '<div',
  '<font',
  '<table',
  '<a',
  '<style',
  '<title',
  '<b',
  '<body',
  '<br',
  '<p',
  '<!--',
]

/** Bytes looked at: the spec's resource header is at most 1445 bytes. */
const HEAD_BYTES = 1445
/** SVG text searched for script; real SVG attachments (logos, signatures) are far smaller. */
const SVG_SCAN_BYTES = 4 * 1024 * 1024

/** 'html', 'svg' or null, from the first bytes of a file. */
export function sniffMarkup(bytes: Buffer): 'html' | 'svg' | null {
  let start = 0
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3
  while (start < bytes.length && start < HEAD_BYTES && isWhitespace(bytes[start]!)) start++
  if (bytes[start] !== 0x3c) return null
  const head = bytes.toString('latin1', start, Math.min(bytes.length, start + HEAD_BYTES)).toLowerCase()
  for (const opener of HTML_OPENERS) {
    if (head.startsWith(opener)) {
      const next = head.charCodeAt(opener.length)
      if (next === 0x20 || next === 0x3e) return 'html'
    }
  }
  // XML-based: SVG (W3C SVG 1.1 s5.1) or XHTML, usually after an XML declaration and a doctype.
  if (head.startsWith('<?xml') || head.startsWith('<svg') || head.startsWith('<!doctype svg')) {
    if (/<svg[\s>]/.test(head)) return 'svg'
    if (/<html[\s>]/.test(head)) return 'html'
  }
  return null
}

/**
 * Script in SVG runs when the file is opened in a browser (the default viewer for .svg on Windows):
 * script elements, event attributes, javascript: and data: HTML links, embedded HTML.
 */
export function svgHasScript(bytes: Buffer): boolean {
  const text = bytes.toString('latin1', 0, Math.min(bytes.length, SVG_SCAN_BYTES))
  return /<script[\s>]|\son[a-z]+\s*=|javascript:|data:text\/html|<foreignobject[\s>]|<iframe[\s>]|<embed[\s>]/i.test(
    text,
  )
}

function isWhitespace(b: number): boolean {
  return b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x20
}
