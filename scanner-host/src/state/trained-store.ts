/** Which messages were trained, on which side: makes training idempotent and untraining exact. */
import { eq } from 'drizzle-orm'
import type { WordCounts } from './bayes-store.ts'
import type { LearningState, StateReader, StateTx } from './learning-state.ts'
import { trainedMessages } from './schema.ts'

export type Label = 'spam' | 'ham'

export interface TrainedMessage {
  sha256: string
  label: Label
  messageId: string | null
  subject: string | null
  trainedAt: number
  /** JSON of what each learner wrote, by learner name. */
  features: string
}

const totalsCache = new WeakMap<LearningState, { generation: number; totals: WordCounts }>()

/**
 * How many ham and spam messages are trained: the denominators of every Bayes word ratio. Counting
 * takes longer than the rest of a Bayes verdict, so the answer is kept until the generation moves.
 */
export function trainedTotals(state: LearningState): WordCounts {
  const generation = state.reads.generation()
  const cached = totalsCache.get(state)
  if (cached?.generation === generation) return { ...cached.totals }
  const totals = state.reads.trainedCounts()
  totalsCache.set(state, { generation, totals })
  return { ...totals }
}

/** How a message was trained, if it was: its side and what each learner wrote (by learner name). */
export async function trainedRecord(
  db: StateReader,
  sha256: string,
): Promise<{ label: Label; features: Record<string, unknown> } | undefined> {
  const [row] = await db
    .select({ label: trainedMessages.label, features: trainedMessages.features })
    .from(trainedMessages)
    .where(eq(trainedMessages.sha256, sha256))
  if (!row) return undefined
  return { label: row.label, features: row.features ? (JSON.parse(row.features) as Record<string, unknown>) : {} }
}

export async function recordTrained(tx: StateTx, message: TrainedMessage): Promise<void> {
  await tx.insert(trainedMessages).values(message)
}

export async function forgetTrained(tx: StateTx, sha256: string): Promise<void> {
  await tx.delete(trainedMessages).where(eq(trainedMessages.sha256, sha256))
}
