/** Compiles every rule file of a folder into one YARA-X rule set, naming the file and line of any error. */
import { readFileSync } from 'node:fs'
import { yaraX, type YaraX } from './library.ts'
import type { RuleFolderListing } from './rule-files.ts'

export interface CompiledFolder {
  dir: string
  rules: YaraX
  /** Rules declared in the folder's files (private ones included). */
  ruleCount: number
  /** Rule name -> file that declares it: this binding puts every rule in the `default` namespace. */
  fileOf: Map<string, string>
  /** Signature of the files this set was compiled from (see rule-files.ts). */
  signature: string
  /** Compiler warnings (slow patterns, invariant conditions), for the log. */
  warnings: string[]
}

/**
 * Matches kept per pattern: enough for conditions that count occurrences (`#a > 100`), while a
 * pattern that matches everywhere in a 32 MB attachment cannot build millions of match objects.
 */
const MAX_MATCHES_PER_PATTERN = 1000

/** Throws an Error whose message names the file and line at fault. */
export function compileFolder(dir: string, listing: RuleFolderListing): CompiledFolder {
  const sources = listing.files.map((file) => ({ name: file.name, text: readFileSync(file.path, 'utf8') }))
  // One source for the whole folder compiles once; each file's first line is kept to map errors back.
  const starts: { name: string; line: number }[] = []
  let line = 1
  for (const source of sources) {
    starts.push({ name: source.name, line })
    line += source.text.split('\n').length
  }
  const combined = sources.map((s) => s.text).join('\n')
  let rules: YaraX
  try {
    // Includes are off: every file in the folder is compiled anyway, and rules must not read other files.
    rules = yaraX().compile(combined, { enableIncludes: false })
  } catch (err) {
    throw new Error(describeCompileError((err as Error).message, starts), { cause: err })
  }
  rules.setMaxMatchesPerPattern(MAX_MATCHES_PER_PATTERN)
  const fileOf = new Map<string, string>()
  for (const source of sources) for (const name of declaredRules(source.text)) fileOf.set(name, source.name)
  return {
    dir,
    rules,
    ruleCount: fileOf.size,
    fileOf,
    signature: listing.signature,
    warnings: rules.getWarnings().map((w) => describeCompileError(w.message, starts)),
  }
}

/** Rule names declared in a source; comments are dropped first so a commented-out rule does not count. */
export function declaredRules(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '')
  return [...code.matchAll(/^[ \t]*(?:(?:private|global)\s+)*rule\s+([A-Za-z_]\w*)/gm)].map((m) => m[1]!)
}

/**
 * `html-smuggling.yar line 12: unknown identifier `foo`` from the compiler's report, whose line
 * numbers count in the combined source.
 */
export function describeCompileError(message: string, starts: readonly { name: string; line: number }[]): string {
  const what = /(?:error|warning)\[[^\]]+\]:\s*(.+)/.exec(message)?.[1] ?? message.split('\n')[0] ?? message
  const at = /-->\s*line:(\d+)/.exec(message)
  if (!at) return what.trim()
  const combinedLine = Number(at[1])
  const file = starts.findLast((s) => s.line <= combinedLine)
  if (!file) return what.trim()
  return `${file.name} line ${combinedLine - file.line + 1}: ${what.trim()}`
}
