/** Reads and writes the Bayes filter's word counts; readers keep the table in memory, in step with the state. */
import { sql } from 'drizzle-orm'
import type { LearningState, StateTx } from './learning-state.ts'
import { bayesWords } from './schema.ts'

export interface WordCounts {
  ham: number
  spam: number
}

/** SQLite binds at most 32766 parameters per statement; stay well below. */
const UPSERT_CHUNK = 2000
/** Words remembered in memory (about 100 bytes each); past this the cache starts afresh. */
const MAX_CACHED_WORDS = 200_000
/**
 * Trainings a cache catches up with by fetching the rows they changed; after more than this it
 * starts afresh instead, so a large `moat train` never makes one scan read a large part of the table.
 */
const MAX_GENERATIONS_TO_CATCH_UP = 20

/** The generation the training in progress commits as: bumpGeneration runs first in its transaction. */
const CURRENT_GENERATION = sql`(SELECT value FROM learning_meta WHERE key = 'generation')`

interface WordCache {
  generation: number
  /** null: the word is not in the state, which is as worth remembering as a count. */
  counts: Map<string, WordCounts | null>
}

const caches = new WeakMap<LearningState, WordCache>()

/**
 * Counts of the given words; words never trained (or untrained to zero) are absent. Words once
 * looked up stay in memory while the learning generation stands still, and a few trainings since
 * are caught up with by fetching only the rows they changed; the rest is one prepared query for
 * the words not seen before. Nothing here reads the whole table, so no scan ever waits for it.
 */
export function lookupWords(state: LearningState, words: readonly string[]): Map<string, WordCounts> {
  const cache = currentCache(state)
  const missing = words.filter((word) => !cache.counts.has(word))
  if (missing.length > 0) {
    for (const word of missing) cache.counts.set(word, null)
    for (const [word, ham, spam] of state.reads.someWords(missing)) cache.counts.set(word, { ham, spam })
  }
  const found = new Map<string, WordCounts>()
  for (const word of words) {
    const counts = cache.counts.get(word)
    if (counts && (counts.ham > 0 || counts.spam > 0)) found.set(word, counts)
  }
  return found
}

function currentCache(state: LearningState): WordCache {
  // The generation is read before any row: rows newer than it are fetched again next time, which
  // is harmless because rows hold counts, not changes.
  const generation = state.reads.generation()
  let cache = caches.get(state)
  const behind = cache ? generation - cache.generation : Infinity
  if (!cache || behind < 0 || behind > MAX_GENERATIONS_TO_CATCH_UP || cache.counts.size > MAX_CACHED_WORDS) {
    cache = { generation, counts: new Map() }
    caches.set(state, cache)
  } else if (behind > 0) {
    for (const [word, ham, spam] of state.reads.wordsChangedSince(cache.generation))
      cache.counts.set(word, { ham, spam })
    cache.generation = generation
  }
  return cache
}

/**
 * Adds `delta` (+1 to train, -1 to untrain) to each word's count on one side, marking the rows
 * with the generation being committed. Must run after bumpGeneration in the same transaction.
 */
export async function addWordCounts(
  tx: StateTx,
  words: readonly string[],
  side: 'ham' | 'spam',
  delta: 1 | -1,
): Promise<void> {
  const column = side === 'ham' ? bayesWords.ham : bayesWords.spam
  for (let i = 0; i < words.length; i += UPSERT_CHUNK) {
    const rows = words.slice(i, i + UPSERT_CHUNK).map((word) => ({
      word,
      ham: side === 'ham' ? Math.max(delta, 0) : 0,
      spam: side === 'spam' ? Math.max(delta, 0) : 0,
      changedIn: CURRENT_GENERATION,
    }))
    await tx
      .insert(bayesWords)
      .values(rows)
      .onConflictDoUpdate({
        target: bayesWords.word,
        // Never below zero: a message trained before a tokenizer change may untrain other words.
        set: { [side]: sql`max(${column} + ${delta}, 0)`, changedIn: CURRENT_GENERATION },
      })
  }
}
