/** Reads and writes the Bayes filter's word counts. */
import { and, inArray, lte, sql } from 'drizzle-orm'
import type { StateReader, StateTx } from './learning-state.ts'
import { bayesWords } from './schema.ts'

export interface WordCounts {
  ham: number
  spam: number
}

/** SQLite binds at most 32766 parameters per statement; stay well below. */
const LOOKUP_CHUNK = 4000
const UPSERT_CHUNK = 2000

/** Counts of the given words; words never trained are absent from the map. */
export async function lookupWords(db: StateReader, words: readonly string[]): Promise<Map<string, WordCounts>> {
  const found = new Map<string, WordCounts>()
  for (let i = 0; i < words.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .select()
      .from(bayesWords)
      .where(inArray(bayesWords.word, words.slice(i, i + LOOKUP_CHUNK)))
    for (const row of rows) found.set(row.word, { ham: row.ham, spam: row.spam })
  }
  return found
}

/**
 * Adds `delta` (+1 to train, -1 to untrain) to each word's count on one side, and drops words that
 * no trained message uses any more, so untraining leaves no trace.
 */
export async function addWordCounts(
  tx: StateTx,
  words: readonly string[],
  side: 'ham' | 'spam',
  delta: 1 | -1,
): Promise<void> {
  for (let i = 0; i < words.length; i += UPSERT_CHUNK) {
    const rows = words.slice(i, i + UPSERT_CHUNK).map((word) => ({
      word,
      ham: side === 'ham' ? Math.max(delta, 0) : 0,
      spam: side === 'spam' ? Math.max(delta, 0) : 0,
    }))
    const column = side === 'ham' ? bayesWords.ham : bayesWords.spam
    await tx
      .insert(bayesWords)
      .values(rows)
      .onConflictDoUpdate({
        target: bayesWords.word,
        // Never below zero: a message trained before a tokenizer change may untrain other words.
        set: { [side]: sql`max(${column} + ${delta}, 0)` },
      })
    if (delta < 0) {
      const chunk = rows.map((row) => row.word)
      await tx
        .delete(bayesWords)
        .where(and(inArray(bayesWords.word, chunk), lte(bayesWords.ham, 0), lte(bayesWords.spam, 0)))
    }
  }
}
