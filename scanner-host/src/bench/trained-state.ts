/** A learning state trained on the eval's training groups, so the benchmark measures the learning engines at work. */
import { evalSplit } from '../eval/corpus-split.ts'
import { createLearners } from '../learning/learners.ts'
import { learnMessage } from '../learning/learn-message.ts'
import { DEFAULT_LIMITS } from '../limits.ts'
import { parseMessage } from '../message/parse-message.ts'
import { DEFAULT_POLICY } from '../policy/policy.ts'
import { openLearningState } from '../state/learning-state.ts'
import { readCorpusMessage } from './corpus.ts'

/** Trains easy-ham-1 and spam-1 (the first `limitPerGroup` of each) into `dataDir`; returns how many. */
export async function trainBenchState(dataDir: string, limitPerGroup?: number): Promise<number> {
  const state = await openLearningState(dataDir)
  try {
    const learners = createLearners(DEFAULT_POLICY)
    const { train } = await evalSplit(limitPerGroup)
    for (const file of train) {
      const message = await parseMessage((await readCorpusMessage(file.group, file.path)).raw, DEFAULT_LIMITS)
      await learnMessage(state, learners, { message, side: file.spam ? 'spam' : 'ham' })
    }
    return train.length
  } finally {
    state.close()
  }
}
