/** HTML smuggling: a large base64 blob plus script that turns it into a file and saves it. */

export interface SmugglingReport {
  /** Base64 characters in the largest blob (or blob split into pieces) outside rendered images. */
  blobChars: number
  /** Payload characters of the largest `<a download href="data:...">`. */
  downloadDataUriChars: number
  markers: string[]
}

/** Script fragments that build a file from data and hand it to the user. */
const MARKERS: readonly (readonly [string, RegExp])[] = [
  ['Blob', /\bBlob\s*\(/],
  ['createObjectURL', /createObjectURL/],
  ['msSaveBlob', /msSave(?:OrOpen)?Blob/],
  ['download property', /\.download\s*=[^=]|\[\s*['"]download['"]\s*\]\s*=[^=]|setAttribute\s*\(\s*['"]download['"]/],
  ['atob', /\batob\b/],
  ['Uint8Array', /\bUint8Array\b/],
  ['charCodeAt', /\bcharCodeAt\b/],
  ['click()', /\.click\s*\(\s*\)|dispatchEvent\s*\(/],
  ['saveAs', /\bsaveAs\s*\(/],
  ['data URL', /data:application\/|octet-stream/],
]

/** Runs shorter than this are not summed: ids and hashes are, real blobs split into pieces are not. */
const MIN_PIECE = 64
/** Base64 and base64url alphabet, plus '='. */
const BASE64 = (() => {
  const table = new Uint8Array(128)
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_') table[c.charCodeAt(0)] = 1
  return table
})()
/** A run right after `data:image/...;base64,` is an image or font inlined in script, not a payload. */
const RENDERED_DATA_URI = /data:(?:image|font)\/[^,]{0,60},$/i
/** Elements whose data: URIs are navigated to or embedded as documents, so any type may be a payload. */
const NAVIGABLE = new Set(['a', 'area', 'iframe', 'object', 'embed', 'frame'])

/**
 * Streams text and counts base64 runs. Line breaks do not end a run (base64 is often wrapped at
 * 76 columns); any other character does.
 */
export class Base64Tally {
  longest = 0
  /** Sum of runs of at least MIN_PIECE, for blobs split into concatenated strings or lines. */
  total = 0
  private run = 0

  feed(text: string, skipRenderedDataUris = false): void {
    let run = this.run
    let start = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c < 128 && BASE64[c] === 1) {
        if (run === 0) start = i
        run++
      } else if (run > 0 && c !== 0x0a && c !== 0x0d) {
        this.closeRun(run, skipRenderedDataUris && start > 0 && isRenderedDataUri(text, start))
        run = 0
      }
    }
    this.run = run
  }

  /** Ends the current run (a tag boundary). */
  end(): void {
    if (this.run > 0) this.closeRun(this.run, false)
    this.run = 0
  }

  private closeRun(run: number, skip: boolean): void {
    if (skip || run < MIN_PIECE) {
      if (!skip && run > this.longest) this.longest = run
      return
    }
    if (run > this.longest) this.longest = run
    this.total += run
  }
}

function isRenderedDataUri(text: string, start: number): boolean {
  return RENDERED_DATA_URI.test(text.slice(Math.max(0, start - 80), start))
}

export class SmugglingTracker {
  private readonly tally = new Base64Tally()
  private attributeBlob = 0
  private downloadDataUri = 0
  private readonly markers = new Set<string>()
  private readonly minBlobChars: number

  constructor(minBlobChars: number) {
    this.minBlobChars = minBlobChars
  }

  /** Data URIs, `download` attributes and base64 stored in attribute values. */
  element(tag: string, attribs: Record<string, string>): void {
    const download = attribs['download'] !== undefined
    if (download) this.markers.add('download attribute')
    for (const name in attribs) {
      const value = attribs[name]!
      if (value.length < MIN_PIECE || name === 'style') continue
      const dataUri = dataUriPayload(value)
      if (dataUri !== null) {
        // Inline images are ordinary in newsletters; only data a browser navigates to can be a file.
        if (dataUri.rendered && !NAVIGABLE.has(tag)) continue
        if (download && (name === 'href' || name === 'src')) {
          this.downloadDataUri = Math.max(this.downloadDataUri, dataUri.chars)
        }
        this.attributeBlob = Math.max(this.attributeBlob, dataUri.chars)
      } else if (value.length >= this.minBlobChars) {
        const tally = new Base64Tally()
        tally.feed(value)
        tally.end()
        this.attributeBlob = Math.max(this.attributeBlob, tally.longest)
      }
    }
  }

  /** Element text and non-script `<script type="text/plain">` data, where a blob may wait for a script. */
  text(text: string): void {
    this.tally.feed(text)
  }

  /** A tag starts or ends: text on either side is not one run. */
  boundary(): void {
    this.tally.end()
  }

  /** Executable code: a script body, an event handler or a javascript: URL. */
  code(code: string): void {
    for (const [label, pattern] of MARKERS) {
      if (!this.markers.has(label) && pattern.test(code)) this.markers.add(label)
    }
    this.tally.end()
    this.tally.feed(code, true)
    this.tally.end()
  }

  report(): SmugglingReport {
    return {
      blobChars: Math.max(this.tally.longest, this.tally.total, this.attributeBlob),
      downloadDataUriChars: this.downloadDataUri,
      markers: [...this.markers].sort(),
    }
  }
}

/** The payload size of a data: URI, and whether its type is one a page renders inline. */
function dataUriPayload(value: string): { chars: number; rendered: boolean } | null {
  const v = value.trimStart()
  if (v.length < 5 || v.slice(0, 5).toLowerCase() !== 'data:') return null
  const comma = v.indexOf(',')
  if (comma < 0) return null
  const mediaType = v.slice(5, comma).trim().toLowerCase()
  return { chars: v.length - comma - 1, rendered: /^(?:image|font)\//.test(mediaType) }
}
