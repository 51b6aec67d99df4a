/** ModelSessions: each model file loaded once, lazily, and kept; a file that fails is logged once and retried later. */
import { resolve } from 'node:path'
import type { Logger } from '../../log.ts'
import { loadModel, reason, type LoadedModel } from './load-model.ts'

export type LoadResult =
  | { ok: true; model: LoadedModel }
  /** `retryAt`: when (`performance.now()`) the file may be tried again. */
  | { ok: false; error: string; retryAt: number }

/**
 * A broken or missing file is tried again after this long, so a model dropped in place (or fixed)
 * is picked up without a restart, while a file that stays broken costs one read a minute.
 */
const RETRY_MS = 60_000

export class ModelSessions {
  /** By absolute path: entries naming one file by two paths share its session. */
  readonly #slots = new Map<string, Promise<LoadResult>>()
  /** Errors already logged, so a broken model says so once, not on every message. */
  readonly #logged = new Set<string>()
  /** The last problem seen, for health pages. */
  lastError: string | undefined

  /** The loaded model at `path`, or why there is none; never throws. Concurrent callers share one load. */
  async get(path: string, log: Logger): Promise<LoadResult> {
    const key = resolve(path)
    const cached = this.#slots.get(key)
    if (cached) {
      const result = await cached
      if (result.ok || performance.now() < result.retryAt) return result
      // Another caller may have started the retry while this one waited.
      const current = this.#slots.get(key)
      if (current && current !== cached) return current
    }
    const loading = this.#load(key, log)
    this.#slots.set(key, loading)
    return loading
  }

  async #load(path: string, log: Logger): Promise<LoadResult> {
    try {
      const model = await loadModel(path)
      log.info('model loaded', { path })
      return { ok: true, model }
    } catch (err) {
      const error = reason(err)
      this.problem(error, log, { path })
      return { ok: false, error, retryAt: performance.now() + RETRY_MS }
    }
  }

  /** Logs `error` as a warning the first time it is seen and keeps it for health pages. */
  problem(error: string, log: Logger, fields: Record<string, unknown> = {}): void {
    this.lastError = error
    if (this.#logged.has(error)) return
    this.#logged.add(error)
    log.warn(`model skipped: ${error}`, fields)
  }

  /** Releases every session; the next use loads again. */
  async close(): Promise<void> {
    const slots = [...this.#slots.values()]
    this.#slots.clear()
    this.#logged.clear()
    this.lastError = undefined
    for (const slot of slots) {
      const result = await slot
      if (result.ok) await result.model.session.release()
    }
  }
}
