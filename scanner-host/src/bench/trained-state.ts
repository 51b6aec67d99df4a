/** A learning state trained on the eval's training groups, so the benchmark measures the learning engines at work. */
import { evalSplit } from '../eval/corpus-split.ts'
import { trainFiles } from '../eval/train-files.ts'
import { createLearners } from '../learning/learners.ts'
import { DEFAULT_LIMITS } from '../limits.ts'
import { DEFAULT_POLICY } from '../policy/policy.ts'
import { openLearningState } from '../state/learning-state.ts'

/** Trains easy-ham-1 and spam-1 (the first `limitPerGroup` of each) into `dataDir`; returns how many. */
export async function trainBenchState(dataDir: string, limitPerGroup?: number): Promise<number> {
  const state = await openLearningState(dataDir)
  try {
    const { train } = await evalSplit(limitPerGroup)
    await trainFiles(state, createLearners(DEFAULT_POLICY), train, DEFAULT_LIMITS)
    return train.length
  } finally {
    state.close()
  }
}
