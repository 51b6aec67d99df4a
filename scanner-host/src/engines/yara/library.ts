/** The YARA-X binding (@litko/yara-x), loaded on first use: a missing native build is a down engine, not a crash. */
import { createRequire } from 'node:module'
import type { CompilerOptions, YaraX } from '@litko/yara-x'

export type { RuleMatch, YaraX } from '@litko/yara-x'

/** The part of the binding Moat uses; its own typings name return types they do not declare. */
interface Binding {
  compile(source: string, options?: CompilerOptions): YaraX
}

const require = createRequire(import.meta.url)
let binding: Binding | undefined

/** Throws when the native module cannot be loaded (unsupported platform, broken install). */
export function yaraX(): Binding {
  binding ??= require('@litko/yara-x') as Binding
  return binding
}

/** `YARA-X (@litko/yara-x 0.3.0)`, for health pages; never throws. */
export function libraryVersion(): string {
  try {
    const { version } = require('@litko/yara-x/package.json') as { version?: string }
    return `YARA-X (@litko/yara-x ${version ?? 'unknown version'})`
  } catch {
    return 'YARA-X (@litko/yara-x, not installed)'
  }
}
