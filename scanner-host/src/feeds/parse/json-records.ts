/**
 * JsonRecordSplitter: finds the objects at one nesting depth of a streamed JSON document and hands
 * each over as text, so a 100 MB feed is parsed one record at a time (JSON.parse per record), a
 * broken record costs only itself, and memory holds one record.
 */

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const BOM = 0xfeff
/** Openers remembered for resynchronising after a mismatched closer; deeper nesting is only counted. */
const MAX_STACK = 256

export interface JsonRecordOptions {
  /** Containers around each record: 1 for `[{...}]`, 2 for `{"id": [{...}]}`. */
  depth: number
  /** Longer records are handed over as null (skipped) instead of being held. */
  maxRecordLength: number
  /** `key` is the last string seen directly in a root object: the record's id in `{"id": [...]}`. */
  onRecord(text: string | null, key: string | null): void
  /** Checked after each record: true stops reading. */
  stopped(): boolean
}

export class JsonRecordSplitter {
  readonly #options: JsonRecordOptions
  /** Open containers (their opening character), the first MAX_STACK of them. */
  readonly #stack: number[] = []
  /** Open containers beyond MAX_STACK. */
  #overflow = 0
  #inString = false
  #escape = false
  #root = ''
  #capture: 'none' | 'key' | 'record' = 'none'
  #parts: string[] = []
  #length = 0
  #tooLong = false
  #key: string | null = null

  constructor(options: JsonRecordOptions) {
    this.#options = options
  }

  /** The document's first character: `[` or `{` for JSON, `<` for an HTML error page, '' when empty. */
  get root(): string {
    return this.#root
  }

  push(text: string): void {
    const { depth: recordDepth } = this.#options
    let start = this.#capture === 'none' ? -1 : 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (this.#inString) {
        if (this.#escape) this.#escape = false
        else if (c === BACKSLASH) this.#escape = true
        else if (c === QUOTE) {
          this.#inString = false
          if (this.#capture === 'key') {
            this.#key = decodeKey(this.#take(text, start, i))
            this.#capture = 'none'
          }
        }
        continue
      }
      if (this.#root === '' && c > 0x20 && c !== BOM) this.#root = String.fromCharCode(c)
      if (c === QUOTE) {
        this.#inString = true
        if (this.#capture === 'none' && this.#depth === 1 && this.#root === '{') {
          this.#begin('key')
          start = i + 1
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (c === OPEN_OBJECT && this.#capture === 'none' && this.#depth === recordDepth) {
          this.#begin('record')
          start = i
        }
        if (this.#stack.length < MAX_STACK) this.#stack.push(c)
        else this.#overflow++
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.#close(c)
        if (this.#capture === 'record' && this.#depth <= recordDepth) {
          const record = this.#take(text, start, i + 1)
          this.#capture = 'none'
          this.#options.onRecord(record, this.#key)
          if (this.#options.stopped()) return
        }
      }
    }
    if (this.#capture !== 'none') this.#keep(text.slice(start))
  }

  /** A record still open at the end was cut off: it is handed over as null. */
  end(): void {
    if (this.#capture === 'record') this.#options.onRecord(null, this.#key)
    this.#capture = 'none'
    this.#parts = []
  }

  get #depth(): number {
    return this.#stack.length + this.#overflow
  }

  /**
   * Closes the container `closer` belongs to. In a broken record (`{"a": [}`) that is the nearest
   * opener of the same kind, so one bad record ends where it should instead of swallowing the next;
   * a closer whose opener lies outside the record ends the record, not the document around it; a
   * closer with no opener is ignored.
   */
  #close(closer: number): void {
    if (this.#overflow > 0) {
      this.#overflow--
      return
    }
    const at = this.#stack.lastIndexOf(closer === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)
    const floor = this.#capture === 'record' ? this.#options.depth : 0
    if (at >= floor) this.#stack.length = at
    else if (this.#capture === 'record') this.#stack.length = floor
  }

  #begin(capture: 'key' | 'record'): void {
    this.#capture = capture
    this.#parts = []
    this.#length = 0
    this.#tooLong = false
  }

  #keep(piece: string): void {
    if (this.#tooLong) return
    this.#length += piece.length
    if (this.#length > this.#options.maxRecordLength) {
      this.#tooLong = true
      this.#parts = []
    } else this.#parts.push(piece)
  }

  #take(text: string, start: number, end: number): string | null {
    this.#keep(text.slice(start, end))
    const out = this.#tooLong ? null : this.#parts.length === 1 ? this.#parts[0]! : this.#parts.join('')
    this.#parts = []
    return out
  }
}

function decodeKey(raw: string | null): string | null {
  if (raw === null) return null
  try {
    return JSON.parse(`"${raw}"`) as string
  } catch {
    return null
  }
}

/** JSON.parse of one record when it is an object, else null. */
export function parseRecord(text: string | null): Record<string, unknown> | null {
  if (text === null) return null
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

/** How the root looks, for error messages. */
export function describeRoot(root: string): string {
  if (root === '') return 'an empty document'
  if (root === '<') return 'HTML or XML'
  if (root === 'P') return 'a zip archive (use the plain export)'
  return `text starting with ${JSON.stringify(root)}`
}
