/** LineSplitter: streamed text to lines, holding at most one line; an overlong line is skipped whole. */

export interface LineOptions {
  /** Longer lines are garbage to the line formats (real ones stay under 2 KiB). */
  maxLength: number
  onLine(line: string): void
  onOverlong(): void
  /** Checked after each line: true stops reading. */
  stopped(): boolean
}

export class LineSplitter {
  readonly #options: LineOptions
  #carry = ''
  /** The current line already passed maxLength: the rest of it is dropped as it comes. */
  #overlong = false

  constructor(options: LineOptions) {
    this.#options = options
  }

  push(text: string): void {
    const { maxLength } = this.#options
    let start = 0
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl)
      start = nl + 1
      const line = this.#carry === '' ? piece : this.#carry + piece
      this.#carry = ''
      if (this.#overlong || line.length > maxLength) {
        this.#overlong = false
        this.#options.onOverlong()
      } else {
        this.#options.onLine(line.endsWith('\r') ? line.slice(0, -1) : line)
      }
      if (this.#options.stopped()) return
    }
    if (this.#overlong) return
    this.#carry += text.slice(start)
    if (this.#carry.length > maxLength) {
      this.#overlong = true
      this.#carry = ''
    }
  }

  end(): void {
    if (this.#overlong) this.#options.onOverlong()
    else if (this.#carry !== '') this.#options.onLine(this.#carry)
    this.#carry = ''
    this.#overlong = false
  }
}
