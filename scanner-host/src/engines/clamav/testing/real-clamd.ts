/** Test helper: a real clamd with the test database (clamav-testfiles and EICAR), started before a file's tests and stopped after. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import {
  buildTestDatabase,
  startClamd,
  type ClamdInstance,
  type StartClamdOptions,
} from '../../../daemons/clamd/index.ts'

/** Returns a getter: the instance exists only once beforeAll has run. */
export function useRealClamd(options: Omit<StartClamdOptions, 'workDir' | 'databaseDir'> = {}): () => ClamdInstance {
  let clamd: ClamdInstance | null = null
  let workDir = ''
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'moat-clamd-'))
    const database = buildTestDatabase(join(workDir, 'db'))
    const started = performance.now()
    clamd = await startClamd({ ...options, workDir: join(workDir, 'clamd'), databaseDir: database.dir })
    console.info(
      `clamd (${options.socket ?? 'tcp'}) ready in ${Math.round(performance.now() - started)} ms at ${clamd.address}`,
    )
  })
  afterAll(async () => {
    await clamd?.stop()
    if (workDir) rmSync(workDir, { recursive: true, force: true })
  })
  return () => {
    if (!clamd) throw new Error('clamd has not started')
    return clamd
  }
}
