/** TokenBag: the distinct tokens of one message, up to a cap, so hostile input cannot grow the work. */

export class TokenBag {
  readonly tokens = new Set<string>()
  readonly max: number

  constructor(max: number) {
    this.max = max
  }

  /** True once the cap is reached; producers stop reading then. */
  get full(): boolean {
    return this.tokens.size >= this.max
  }

  add(token: string): void {
    if (this.tokens.size < this.max) this.tokens.add(token)
  }
}
