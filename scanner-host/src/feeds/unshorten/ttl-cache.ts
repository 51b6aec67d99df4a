/** TtlCache: a small LRU map whose entries also expire, for unshortened links and DNS answers. */

export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>()
  readonly #max: number

  constructor(max: number) {
    this.#max = max
  }

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.#entries.get(key)
    if (!hit) return undefined
    this.#entries.delete(key)
    if (hit.expires <= now) return undefined
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    this.#entries.set(key, hit)
    return hit.value
  }

  set(key: string, value: V, ttlMs: number, now = Date.now()): void {
    if (this.#max <= 0 || ttlMs <= 0) return
    this.#entries.delete(key)
    this.#entries.set(key, { value, expires: now + ttlMs })
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next()
      if (oldest.done) break
      this.#entries.delete(oldest.value)
    }
  }

  get size(): number {
    return this.#entries.size
  }
}
