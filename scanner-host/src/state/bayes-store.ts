/** Reads and writes the Bayes filter's word counts; readers keep the table in memory, in step with the state. */
import { count, gt, inArray, sql } from 'drizzle-orm'
import { readGeneration } from './generation.ts'
import type { StateReader, StateTx } from './learning-state.ts'
import { bayesWords } from './schema.ts'

export interface WordCounts {
  ham: number
  spam: number
}

/** SQLite binds at most 32766 parameters per statement; stay well below. */
const LOOKUP_CHUNK = 4000
const UPSERT_CHUNK = 2000
/** Past this many words the table is not held in memory (about 100 bytes a word); lookups query instead. */
const MAX_WORDS_IN_MEMORY = 2_000_000

/** The generation the training in progress commits as: bumpGeneration runs first in its transaction. */
const CURRENT_GENERATION = sql`(SELECT value FROM learning_meta WHERE key = 'generation')`

interface WordTable {
  generation: number
  counts: Map<string, WordCounts>
}

const tables = new WeakMap<StateReader, WordTable | 'too-large'>()

/**
 * Counts of the given words; words never trained (or untrained to zero) are absent. A B-tree probe
 * costs about 2 us a word and a message has hundreds, so the first call loads the table into
 * memory and later calls fetch only the words changed since (by any process): one read when
 * nothing changed.
 */
export async function lookupWords(db: StateReader, words: readonly string[]): Promise<Map<string, WordCounts>> {
  const table = await syncedTable(db)
  if (table === 'too-large') return queryWords(db, words)
  const found = new Map<string, WordCounts>()
  for (const word of words) {
    const counts = table.counts.get(word)
    if (counts && (counts.ham > 0 || counts.spam > 0)) found.set(word, counts)
  }
  return found
}

async function syncedTable(db: StateReader): Promise<WordTable | 'too-large'> {
  // The generation is read before the rows: rows newer than it are fetched again next time, which
  // is harmless because rows hold counts, not changes.
  const generation = await readGeneration(db)
  const table = tables.get(db)
  if (table === 'too-large') return table
  if (!table) {
    const [size] = await db.select({ n: count() }).from(bayesWords)
    if ((size?.n ?? 0) > MAX_WORDS_IN_MEMORY) {
      tables.set(db, 'too-large')
      return 'too-large'
    }
    const loaded: WordTable = { generation, counts: new Map() }
    for (const row of await db.select().from(bayesWords)) loaded.counts.set(row.word, { ham: row.ham, spam: row.spam })
    tables.set(db, loaded)
    return loaded
  }
  if (table.generation !== generation) {
    const changed = await db.select().from(bayesWords).where(gt(bayesWords.changedIn, table.generation))
    for (const row of changed) table.counts.set(row.word, { ham: row.ham, spam: row.spam })
    table.generation = generation
  }
  return table
}

async function queryWords(db: StateReader, words: readonly string[]): Promise<Map<string, WordCounts>> {
  const found = new Map<string, WordCounts>()
  for (let i = 0; i < words.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .select()
      .from(bayesWords)
      .where(inArray(bayesWords.word, words.slice(i, i + LOOKUP_CHUNK)))
    for (const row of rows) if (row.ham > 0 || row.spam > 0) found.set(row.word, { ham: row.ham, spam: row.spam })
  }
  return found
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
