/** chooseDatabase: which signatures clamd loads: the caller's, the machine's freshclam download, or EICAR alone. */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { buildEicarDatabase } from './test-database.ts'

/** Where Debian's freshclam writes main, daily and bytecode (`.cvd` or `.cld`). */
export const SYSTEM_DATABASE_DIR = '/var/lib/clamav'

/**
 * - `given`: the caller named a folder (tests pass the one buildTestDatabase wrote).
 * - `system`: freshclam has downloaded the official databases.
 * - `eicar-only`: nothing else was there; clamd detects the EICAR test file and no real malware.
 */
export type SignatureSource = 'given' | 'system' | 'eicar-only'

export interface DatabaseChoice {
  dir: string
  source: SignatureSource
}

export function chooseDatabase(workDir: string, given?: string, systemDir = SYSTEM_DATABASE_DIR): DatabaseChoice {
  if (given) return { dir: given, source: 'given' }
  if (hasOfficialDatabase(systemDir)) return { dir: systemDir, source: 'system' }
  return { dir: buildEicarDatabase(join(workDir, 'eicar-db')).dir, source: 'eicar-only' }
}

/** `.cvd` is a signed download, `.cld` the same after incremental updates, `.cud` an unsigned container. */
export function hasOfficialDatabase(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => /\.(cvd|cld|cud)$/.test(name))
  } catch {
    return false
  }
}
