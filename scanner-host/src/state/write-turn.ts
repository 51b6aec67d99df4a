/** inWriteTurn: one write at a time on the state's single connection. */
import type { LearningState } from './learning-state.ts'

const queues = new WeakMap<LearningState, Promise<unknown>>()

/**
 * Runs `work` after every earlier call for the same state has settled. The state has one
 * connection, and a statement sent while another caller's transaction is open would run inside
 * that transaction; taking turns keeps each transaction to its own statements.
 */
export function inWriteTurn<T>(state: LearningState, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(state) ?? Promise.resolve()
  const result = previous.then(work, work)
  queues.set(
    state,
    result.catch(() => undefined),
  )
  return result
}
