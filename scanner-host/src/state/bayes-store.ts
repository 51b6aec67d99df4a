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
/** Past this many words the table is not held in memory (about 100 bytes a word); lookups query instead. */
const MAX_WORDS_IN_MEMORY = 2_000_000

/** The generation the training in progress commits as: bumpGeneration runs first in its transaction. */
const CURRENT_GENERATION = sql`(SELECT value FROM learning_meta WHERE key = 'generation')`

interface WordTable {
  generation: number
  counts: Map<string, WordCounts>
}

const tables = new WeakMap<LearningState, WordTable | 'too-large'>()

/**
 * Counts of the given words; words never trained (or untrained to zero) are absent. A B-tree probe
 * costs about 2 us a word and a message has hundreds, so the first call loads the table into
 * memory and later calls fetch only the words changed since (by any process): one read when
 * nothing changed.
 */
export function lookupWords(state: LearningState, words: readonly string[]): Map<string, WordCounts> {
  const table = syncedTable(state)
  const found = new Map<string, WordCounts>()
  if (table === 'too-large') {
    for (const [word, ham, spam] of state.reads.someWords(words))
      if (ham > 0 || spam > 0) found.set(word, { ham, spam })
    return found
  }
  for (const word of words) {
    const counts = table.counts.get(word)
    if (counts && (counts.ham > 0 || counts.spam > 0)) found.set(word, counts)
  }
  return found
}

function syncedTable(state: LearningState): WordTable | 'too-large' {
  // The generation is read before the rows: rows newer than it are fetched again next time, which
  // is harmless because rows hold counts, not changes.
  const generation = state.reads.generation()
  const table = tables.get(state)
  if (table === 'too-large') return table
  if (!table) {
    if (state.reads.wordCount() > MAX_WORDS_IN_MEMORY) {
      tables.set(state, 'too-large')
      return 'too-large'
    }
    const loaded: WordTable = { generation, counts: new Map() }
    for (const [word, ham, spam] of state.reads.allWords()) loaded.counts.set(word, { ham, spam })
    tables.set(state, loaded)
    return loaded
  }
  if (table.generation !== generation) {
    for (const [word, ham, spam] of state.reads.wordsChangedSince(table.generation))
      table.counts.set(word, { ham, spam })
    table.generation = generation
  }
  return table
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
