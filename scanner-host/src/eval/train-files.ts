/** trainFiles: trains corpus files with their true labels, one report at a time, as the eval and the bench both need. */
import { readCorpusMessage } from '../bench/corpus.ts'
import type { Learner } from '../learning/learner.ts'
import { learnMessage } from '../learning/learn-message.ts'
import type { Limits } from '../limits.ts'
import { parseMessage } from '../message/parse-message.ts'
import type { LearningState } from '../state/learning-state.ts'
import type { EvalFile } from './corpus-split.ts'

export async function trainFiles(
  state: LearningState,
  learners: readonly Learner[],
  files: readonly EvalFile[],
  limits: Limits,
): Promise<void> {
  for (const file of files) {
    const { raw } = await readCorpusMessage(file.group, file.path)
    await learnMessage(state, learners, { message: await parseMessage(raw, limits), side: file.spam ? 'spam' : 'ham' })
  }
}
