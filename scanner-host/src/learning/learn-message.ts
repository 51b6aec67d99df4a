/** learnMessage: trains or untrains one message on every learner, in one transaction. */
import type { LearningState } from '../state/learning-state.ts'
import type { ParsedMessage } from '../message/parsed-message.ts'
import { bumpGeneration } from '../state/generation.ts'
import { inWriteTurn } from '../state/write-turn.ts'
import { forgetTrained, recordTrained, trainedRecord, type Label } from '../state/trained-store.ts'
import type { Learner, LearningChange } from './learner.ts'

export type LearnOutcome =
  /** Trained on the asked side. */
  | 'trained'
  /** Was trained on the other side: taken back there, trained here. */
  | 'moved'
  /** Already trained on the asked side: nothing changed. */
  | 'unchanged'
  /** Untrained from the asked side. */
  | 'untrained'
  /** Untrain asked for a message not trained on that side: nothing changed. */
  | 'not-trained'

export interface LearnRequest {
  message: ParsedMessage
  side: Label
  untrain?: boolean
  /** When the report was made; now by default. */
  at?: number
}

/**
 * Applies one report. The whole change (every learner and the record of the message) commits
 * together or not at all, so a crash never leaves counts that disagree with the record.
 */
export async function learnMessage(
  state: LearningState,
  learners: readonly Learner[],
  request: LearnRequest,
): Promise<LearnOutcome> {
  const { message, side } = request
  const at = request.at ?? Date.now()
  // Features are CPU work: compute them before taking the write lock.
  const features = learners.map((learner) => learner.features(message))
  const change = (changeSide: Label, delta: 1 | -1): LearningChange => ({ side: changeSide, delta, at, message })

  // A libSQL transaction is a write transaction (BEGIN IMMEDIATE): the check and the change are
  // atomic. The state has one write connection, so reports made at once take turns.
  return inWriteTurn(state, () =>
    state.db.transaction(async (tx) => {
      const record = await trainedRecord(tx, message.sha256)
      const current = record?.label
      // Taking a training back undoes what was written then (stored with the record), not what
      // the learners would write today: their settings may have changed since.
      const undo = async () => {
        for (const [i, learner] of learners.entries()) {
          await learner.apply(tx, record!.features[learner.name] ?? features[i], change(current!, -1))
        }
        await forgetTrained(tx, message.sha256)
      }
      if (request.untrain) {
        if (current !== side) return 'not-trained'
        await bumpGeneration(tx)
        await undo()
        return 'untrained'
      }
      if (current === side) return 'unchanged'
      // First, so rows written below carry the generation this transaction commits as.
      await bumpGeneration(tx)
      if (current) await undo()
      for (const [i, learner] of learners.entries()) await learner.apply(tx, features[i], change(side, 1))
      await recordTrained(tx, {
        sha256: message.sha256,
        label: side,
        messageId: message.messageId,
        subject: message.subject,
        trainedAt: at,
        features: JSON.stringify(Object.fromEntries(learners.map((learner, i) => [learner.name, features[i]]))),
      })
      return current ? 'moved' : 'trained'
    }),
  )
}
