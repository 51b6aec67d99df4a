/** The engine's health: ready, degraded (an edit failed; the last good rules are in use) or down. */
import type { EngineHealth } from '../engine.ts'
import { libraryVersion } from './library.ts'
import type { FolderState } from './rule-sets.ts'

export function healthOf(folders: readonly FolderState[]): EngineHealth {
  const loaded = folders.filter((f) => f.compiled)
  const errors = folders.flatMap((f) => (f.error ? [f.error] : []))
  const health: EngineHealth = {
    state: loaded.length === 0 ? 'down' : errors.length > 0 ? 'degraded' : 'ready',
    version: libraryVersion(),
    loaded:
      loaded.length === 0
        ? 'no rules'
        : loaded.map((f) => `${f.compiled!.ruleCount} ${plural(f.compiled!.ruleCount)} from ${f.dir}`).join('; '),
  }
  if (errors.length > 0) health.lastError = errors.join(' ')
  return health
}

function plural(count: number): string {
  return count === 1 ? 'rule' : 'rules'
}
