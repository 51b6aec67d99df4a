/** CountingBag: a TokenBag that also counts how often each token was added, for term-frequency features. */
import { TokenBag } from '../engines/bayes/token-bag.ts'

export class CountingBag extends TokenBag {
  readonly counts = new Map<string, number>()

  override add(token: string): void {
    const n = this.counts.get(token)
    if (n !== undefined) this.counts.set(token, n + 1)
    else if (!this.full) {
      super.add(token)
      this.counts.set(token, 1)
    }
  }
}
