/** Reads and writes the Bayes filter's word counts. */
import { and, inArray, lte, sql } from 'drizzle-orm'
import type { StateReader, StateTx } from './learning-state.ts'
import { readGeneration } from './generation.ts'
import { bayesWords } from './schema.ts'

export interface WordCounts {
  ham: number
  spam: number
}

/** SQLite binds at most 32766 parameters per statement; stay well below. */
const LOOKUP_CHUNK = 4000
const UPSERT_CHUNK = 2000

/** Words kept in memory per database handle; past this many the cache starts afresh. */
const MAX_CACHED_WORDS = 500_000

interface WordCache {
  generation: number
  /** null: the word is not in the state (as worth remembering as a count). */
  counts: Map<string, WordCounts | null>
}

const caches = new WeakMap<StateReader, WordCache>()

/**
 * Counts of the given words; words never trained are absent from the map. A B-tree probe costs
 * about 2 us per word and a message has hundreds, so counts are kept in memory until the learning
 * generation moves (any training, by this process or another), which costs one read per call.
 */
export async function lookupWords(db: StateReader, words: readonly string[]): Promise<Map<string, WordCounts>> {
  const generation = await readGeneration(db)
  let cache = caches.get(db)
  if (!cache || cache.generation !== generation || cache.counts.size > MAX_CACHED_WORDS) {
    cache = { generation, counts: new Map() }
    caches.set(db, cache)
  }
  const missing = words.filter((word) => !cache.counts.has(word))
  for (let i = 0; i < missing.length; i += LOOKUP_CHUNK) {
    const chunk = missing.slice(i, i + LOOKUP_CHUNK)
    const rows = await db.select().from(bayesWords).where(inArray(bayesWords.word, chunk))
    for (const word of chunk) cache.counts.set(word, null)
    for (const row of rows) cache.counts.set(row.word, { ham: row.ham, spam: row.spam })
  }
  const found = new Map<string, WordCounts>()
  for (const word of words) {
    const counts = cache.counts.get(word)
    if (counts) found.set(word, counts)
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
