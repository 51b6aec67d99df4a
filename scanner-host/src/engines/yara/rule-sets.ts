/** Compiled rules per folder: compiled once, recompiled on change, the last good set kept when an edit breaks. */
import type { Logger } from '../../log.ts'
import { compileFolder, type CompiledFolder } from './compile-folder.ts'
import { ruleFolders, type YaraConfig } from './config.ts'
import { listRuleFiles, type RuleFolderListing } from './rule-files.ts'

export interface FolderState {
  dir: string
  /** The rules in use: the last set that compiled, even when a later edit did not. */
  compiled: CompiledFolder | null
  /** Why the folder's current files are not what is in use, in a sentence; null when they are. */
  error: string | null
  /** Signature of the files last compiled or tried, so a broken edit is not recompiled on every scan. */
  tried: string | null
  /** `performance.now()` of the last look at the folder, null before the first. */
  checkedAt: number | null
}

/**
 * Edits are noticed by listing the folder at most every `recheckMs`, on the scan path: no watcher
 * to leak or to miss events on network and container volumes, nothing to debounce (a file caught
 * half-written fails to compile, keeps the last good set, and is compiled again once it changes).
 */
export class RuleSets {
  private readonly folders = new Map<string, FolderState>()

  /** The state of every configured folder, after compiling what changed; `force` looks now. Never throws. */
  refresh(config: YaraConfig, log: Logger, force = false): FolderState[] {
    const now = performance.now()
    return ruleFolders(config).map((dir) => {
      let state = this.folders.get(dir)
      if (!state) {
        state = { dir, compiled: null, error: null, tried: null, checkedAt: null }
        this.folders.set(dir, state)
      }
      const due = state.checkedAt === null || (config.watch && (force || now - state.checkedAt >= config.recheckMs))
      if (due) {
        state.checkedAt = now
        look(state, log)
      }
      return state
    })
  }

  /** Drops every compiled set; the next scan compiles again. */
  clear(): void {
    this.folders.clear()
  }
}

function look(state: FolderState, log: Logger): void {
  let listing: RuleFolderListing
  try {
    listing = listRuleFiles(state.dir)
  } catch (err) {
    state.error = `The rules folder ${state.dir} cannot be read (${(err as Error).message}).`
    state.tried = null
    log.warn('yara: rules folder unreadable; the last good rules stay in use', { dir: state.dir, error: state.error })
    return
  }
  if (state.compiled && listing.signature === state.compiled.signature) {
    // Back to the files in use (a folder that was briefly unreadable, an edit undone).
    state.error = null
    state.tried = listing.signature
    return
  }
  if (listing.signature === state.tried) return
  state.tried = listing.signature
  try {
    const started = performance.now()
    state.compiled = compileFolder(state.dir, listing)
    state.error = null
    log.info('yara: rules compiled', {
      dir: state.dir,
      rules: state.compiled.ruleCount,
      files: listing.files.length,
      ms: Math.round(performance.now() - started),
    })
    if (state.compiled.warnings.length > 0) {
      log.warn('yara: rule compiler warnings', { dir: state.dir, warnings: state.compiled.warnings.slice(0, 10) })
    }
  } catch (err) {
    state.error = `The rules in ${state.dir} do not compile: ${(err as Error).message}`
    log.warn('yara: rules do not compile; the last good rules stay in use', {
      dir: state.dir,
      error: state.error,
      inUse: state.compiled?.ruleCount ?? 0,
    })
  }
}
