/** The time-ordered split of the SpamAssassin corpus the quality harness trains and tests on. */
import { listCorpus, type CorpusGroup } from '../bench/corpus.ts'

/** The older groups train, the newer ones test: a filter always meets mail newer than its training. */
export const TRAIN_GROUPS = ['easy-ham-1', 'spam-1'] as const satisfies readonly CorpusGroup[]
export const TEST_GROUPS = ['easy-ham-2', 'hard-ham-1', 'spam-2'] as const satisfies readonly CorpusGroup[]

export interface EvalFile {
  group: CorpusGroup
  path: string
  spam: boolean
  /** Good mail that looks like spam (hard-ham-1): its false positives are counted apart. */
  hard: boolean
}

export interface EvalSplit {
  train: EvalFile[]
  test: EvalFile[]
}

/**
 * Each phase's groups interleaved by their position in collection order (file names are numbered
 * as collected), so that online learning meets ham and spam mixed as a mailbox would, not one
 * group after another.
 */
export async function evalSplit(limitPerGroup?: number): Promise<EvalSplit> {
  return { train: await interleaved(TRAIN_GROUPS, limitPerGroup), test: await interleaved(TEST_GROUPS, limitPerGroup) }
}

async function interleaved(groups: readonly CorpusGroup[], limitPerGroup: number | undefined): Promise<EvalFile[]> {
  const placed: { file: EvalFile; at: number }[] = []
  for (const group of groups) {
    const files = (await listCorpus([group])).slice(0, limitPerGroup)
    files.forEach(({ path }, i) => {
      const file = { group, path, spam: group.startsWith('spam'), hard: group.startsWith('hard') }
      placed.push({ file, at: (i + 0.5) / files.length })
    })
  }
  return placed.sort((a, b) => a.at - b.at).map((p) => p.file)
}
