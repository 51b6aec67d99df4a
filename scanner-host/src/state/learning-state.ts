/** Opens the learning state: an embedded libSQL file under the data directory, migrated on open. */
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient, type Client } from '@libsql/client'
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { openScanReads, type ScanReads } from './scan-reads.ts'
import * as schema from './schema.ts'

export type StateDb = LibSQLDatabase<typeof schema>
/** A write transaction; every change to the learning state happens inside one. */
export type StateTx = Parameters<Parameters<StateDb['transaction']>[0]>[0]
/** Either: reads work the same inside and outside a transaction. */
export type StateReader = StateDb | StateTx

export interface LearningState {
  readonly db: StateDb
  /** Prepared reads for the scan path, on their own connection. */
  readonly reads: ScanReads
  /** The database file, for messages and tests. */
  readonly file: string
  close(): void
}

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url))
export const STATE_FILE_NAME = 'learning.db'

/** `MOAT_DATA_DIR`, or `./data` under the working directory. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.MOAT_DATA_DIR || 'data')
}

/**
 * Opens (creating when missing) `learning.db` in `dataDir` and applies pending migrations.
 * WAL lets a running scanner read while `moat train` writes; each transaction either lands whole
 * or not at all, so a process killed mid-training leaves the last committed state. synchronous=NORMAL
 * is safe against a killed process (only an OS crash can drop the newest commits, never corrupt).
 */
export async function openLearningState(dataDir: string = defaultDataDir()): Promise<LearningState> {
  await mkdir(dataDir, { recursive: true })
  const file = path.join(dataDir, STATE_FILE_NAME)
  return openFile(file)
}

/**
 * The learning state in `dataDir` if one was ever made there, else null: for commands that only
 * read it (`moat scan`), which must work in a folder they cannot or should not write to.
 */
export async function openExistingLearningState(dataDir: string = defaultDataDir()): Promise<LearningState | null> {
  const file = path.join(dataDir, STATE_FILE_NAME)
  if (!existsSync(file)) return null
  return openFile(file)
}

async function openFile(file: string): Promise<LearningState> {
  // One connection: the PRAGMAs below are per connection, and a pool would hand out others without them.
  const client = createClient({ url: `file:${file}`, concurrency: 1 })
  try {
    await configureConnection(client)
    const db = drizzle(client, { schema })
    await migrate(db, { migrationsFolder: MIGRATIONS })
    const reads = openScanReads(file)
    return {
      db,
      reads,
      file,
      close() {
        reads.close()
        client.close()
      },
    }
  } catch (err) {
    client.close()
    throw new Error(`cannot open the learning state ${file}: ${(err as Error).message}`, { cause: err })
  }
}

async function configureConnection(client: Client): Promise<void> {
  // busy_timeout first: another process may hold the write lock while it trains or migrates.
  await client.execute('PRAGMA busy_timeout = 10000')
  await client.execute('PRAGMA journal_mode = WAL')
  await client.execute('PRAGMA synchronous = NORMAL')
  await client.execute('PRAGMA foreign_keys = ON')
}
