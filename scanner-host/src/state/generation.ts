/** The learning generation: a counter every committed training raises, so readers can cache until it moves. */
import { eq, sql } from 'drizzle-orm'
import type { StateReader, StateTx } from './learning-state.ts'
import { learningMeta } from './schema.ts'

const GENERATION = 'generation'

/** The current generation; 0 for a state never trained. One primary-key read. */
export async function readGeneration(db: StateReader): Promise<number> {
  const [row] = await db
    .select({ value: learningMeta.value })
    .from(learningMeta)
    .where(eq(learningMeta.key, GENERATION))
  return row?.value ?? 0
}

/** Raises the generation inside a training's transaction, so it commits (or not) with the training. */
export async function bumpGeneration(tx: StateTx): Promise<void> {
  await tx
    .insert(learningMeta)
    .values({ key: GENERATION, value: 1 })
    .onConflictDoUpdate({ target: learningMeta.key, set: { value: sql`${learningMeta.value} + 1` } })
}
