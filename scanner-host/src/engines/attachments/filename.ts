/** File names: the real extension, and names that show one type while being another. */

/**
 * Bidirectional controls (Unicode UAX #9 s2): embeddings, overrides and isolates, plus the marks.
 * None belongs in a file name; RLO (U+202E) makes `invoice\u202Efdp.exe` display as `invoiceexe.pdf`.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
/** The controls that start a right-to-left run: RLE, RLO, RLI. */
const RTL_STARTERS = new Set(['\u202b', '\u202e', '\u2067'])
const HAS_RTL_STARTER = /[\u202b\u202e\u2067]/
/** PDF and PDI end the run an embedding, override or isolate started. */
const RUN_ENDERS = new Set(['\u202c', '\u2069'])

/**
 * Extensions of files people open without a second thought: what a disguised name pretends to be.
 * Values are the noun used in findings.
 */
const DECOY_NOUNS: ReadonlyMap<string, string> = new Map([
  ...'pdf'.split(' ').map((e) => [e, 'a PDF document'] as const),
  ...'doc docx odt rtf'.split(' ').map((e) => [e, 'a document'] as const),
  ...'xls xlsx ods csv'.split(' ').map((e) => [e, 'a spreadsheet'] as const),
  ...'ppt pptx odp'.split(' ').map((e) => [e, 'a presentation'] as const),
  ...'txt log xml json eml msg'.split(' ').map((e) => [e, 'a text file'] as const),
  ...'jpg jpeg png gif bmp tif tiff webp heic'.split(' ').map((e) => [e, 'a picture'] as const),
  ...'mp3 mp4 wav avi mov m4a wma wmv'.split(' ').map((e) => [e, 'an audio or video file'] as const),
  ...'zip rar 7z htm html'.split(' ').map((e) => [e, `a .${e} file`] as const),
])

export type NameTrick = 'double extension' | 'padded extension' | 'right-to-left override'

export interface Disguise {
  trick: NameTrick
  /** The extension a person reads, e.g. `pdf`. */
  visibleExtension: string
  /** The extension the system acts on, e.g. `exe`. */
  realExtension: string
  /** What the visible type is called: "a PDF document". */
  decoyNoun: string
  /** The name as a screen shows it, for right-to-left tricks. */
  displayedAs?: string
}

/** The last path segment of a name from an archive (`docs/a.exe` -> `a.exe`); both separators occur. */
export function baseName(name: string): string {
  const cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'))
  return cut >= 0 ? name.slice(cut + 1) : name
}

/**
 * Windows drops trailing dots and spaces from file names ("Naming Files, Paths, and Namespaces"),
 * so `report.exe. ` runs as `report.exe`; bidi controls are invisible and ignored too.
 */
function effectiveName(name: string): string {
  return baseName(name)
    .replace(BIDI_CONTROLS, '')
    .replace(/[. ]+$/, '')
}

/** The lower-case extension Windows acts on (`Report.EXE. ` -> `exe`), or null when there is none. */
export function realExtension(name: string): string | null {
  return extensionOf(effectiveName(name))
}

function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.')
  if (dot < 0 || dot === name.length - 1) return null
  const ext = name.slice(dot + 1).toLowerCase()
  // A "extension" with spaces or of essay length is part of a sentence-like name, not a type.
  return ext.length <= 24 && !/\s/.test(ext) ? ext : null
}

/**
 * How a name misleads, when it does: `invoice.pdf.exe`, `scan.doc      .js` (the padding pushes
 * `.js` out of view), or a right-to-left override. `isRisky` says which real extensions matter for
 * the double-extension forms; a right-to-left override that changes the visible type always does.
 */
export function findDisguise(name: string, isRisky: (extension: string) => boolean): Disguise | null {
  const base = baseName(name)
  const real = effectiveName(base)
  const realExtension = extensionOf(real)
  if (!realExtension) return null

  if (HAS_RTL_STARTER.test(base)) {
    const displayedAs = displayOrder(base)
    const visibleExtension = extensionOf(displayedAs.replace(/[. ]+$/, ''))
    if (visibleExtension && visibleExtension !== realExtension) {
      const decoyNoun = DECOY_NOUNS.get(visibleExtension) ?? `a .${visibleExtension} file`
      return { trick: 'right-to-left override', visibleExtension, realExtension, decoyNoun, displayedAs }
    }
  }

  if (!isRisky(realExtension)) return null
  const stem = real.slice(0, real.length - realExtension.length - 1)
  const match = /\.([a-z0-9]{1,5})([\s_\u00a0]*)$/i.exec(stem)
  const decoy = match?.[1]?.toLowerCase()
  const decoyNoun = decoy ? DECOY_NOUNS.get(decoy) : undefined
  if (!decoy || !decoyNoun || decoy === realExtension) return null
  const padded = (match?.[2]?.length ?? 0) >= 2
  return { trick: padded ? 'padded extension' : 'double extension', visibleExtension: decoy, realExtension, decoyNoun }
}

/**
 * The name in the order a screen shows it, for the common trick of one right-to-left run in a
 * left-to-right name: the run is reversed up to its PDF/PDI or the end. Not the full UAX #9
 * algorithm, which needs character classes; enough to show what the sender wanted people to read.
 */
export function displayOrder(name: string): string {
  let out = ''
  let run: string[] | null = null
  for (const c of name) {
    if (RTL_STARTERS.has(c)) {
      if (run) out += run.reverse().join('')
      run = []
    } else if (RUN_ENDERS.has(c)) {
      if (run) out += run.reverse().join('')
      run = null
    } else if (/[\u061c\u200e\u200f\u202a\u202d\u2066\u2068]/.test(c)) {
      continue
    } else if (run) {
      run.push(c)
    } else {
      out += c
    }
  }
  if (run) out += run.reverse().join('')
  return out
}

/** Names as they go into findings: controls made visible (`[U+202E]`), length bounded. */
export function displayName(name: string, max = 120): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be made visible
  const visible = name.replace(/[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    return `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`
  })
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible
}
