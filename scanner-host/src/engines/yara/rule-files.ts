/** The rule files of one folder, with a signature of names, sizes and times that notices edits without reading. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface RuleFile {
  /** File name inside the folder, e.g. `html-smuggling.yar`. */
  name: string
  path: string
}

export interface RuleFolderListing {
  files: RuleFile[]
  /** Changes whenever a rule file is added, removed, rewritten or replaced (an editor's save by rename). */
  signature: string
}

/** `.yar` and `.yara`; dot files are editors' swap and backup files, never rules. */
const RULE_FILE = /^[^.].*\.yara?$/i

/** Top-level files only, sorted by name so compile order and error positions are stable. Throws when unreadable. */
export function listRuleFiles(dir: string): RuleFolderListing {
  const files: RuleFile[] = []
  const stamps: string[] = []
  for (const name of readdirSync(dir)
    .filter((n) => RULE_FILE.test(n))
    .sort()) {
    const path = join(dir, name)
    // A file deleted between the listing and the stat is simply gone.
    const stat = statSync(path, { throwIfNoEntry: false })
    if (!stat?.isFile()) continue
    files.push({ name, path })
    stamps.push(`${name}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0${stat.ino}`)
  }
  return { files, signature: stamps.join('\n') }
}
