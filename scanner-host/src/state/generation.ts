/** The learning generation: a counter every committed training raises, so readers can cache until it moves (read by ScanReads). */
import { sql } from 'drizzle-orm'
import type { StateTx } from './learning-state.ts'
import { learningMeta } from './schema.ts'

const GENERATION = 'generation'

/** Raises the generation inside a training's transaction, so it commits (or not) with the training. */
export async function bumpGeneration(tx: StateTx): Promise<void> {
  await tx
    .insert(learningMeta)
    .values({ key: GENERATION, value: 1 })
    .onConflictDoUpdate({ target: learningMeta.key, set: { value: sql`${learningMeta.value} + 1` } })
}
