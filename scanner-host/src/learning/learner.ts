/** The learner contract: how an engine that learns from reports turns a message into state changes. */
import type { ParsedMessage } from '../message/parsed-message.ts'
import type { StateTx } from '../state/learning-state.ts'
import type { Label } from '../state/trained-store.ts'

/** One report applied to, or taken back from, the learning state. */
export interface LearningChange {
  side: Label
  /** +1 trains the message on `side`; -1 takes a previous training back. */
  delta: 1 | -1
  /** Milliseconds since the epoch: when the report was made. */
  at: number
  message: ParsedMessage
}

export interface Learner<F = unknown> {
  /** The engine whose state this learner writes. */
  name: string
  /** What the learner keeps of a message; computed before the write transaction opens. */
  features(message: ParsedMessage): F
  /** Writes one change inside the caller's transaction. */
  apply(tx: StateTx, features: F, change: LearningChange): Promise<void>
}
