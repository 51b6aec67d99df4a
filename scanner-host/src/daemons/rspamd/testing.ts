/** startTestRspamd: a real Rspamd for tests, offline (DNS stub), in a fresh temporary work dir, with a compile cache shared by runs. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRspamd, type RspamdInstance } from './start-rspamd.ts'

/**
 * Compiling Rspamd's regular expressions takes about 9 s; loading them, well under one. Rspamd
 * writes the cache under a temporary name and renames it, so test files starting Rspamd at the
 * same time share it safely.
 */
export const TEST_HS_CACHE_DIR = join(tmpdir(), 'moat-rspamd-hyperscan-cache')

export interface TestRspamd extends RspamdInstance {
  workDir: string
  /** Stops the daemons and removes the work dir. */
  cleanup(): Promise<void>
}

export async function startTestRspamd(): Promise<TestRspamd> {
  const workDir = mkdtempSync(join(tmpdir(), 'moat-rspamd-test-'))
  const rspamd = await startRspamd({ workDir, dnsServer: 'stub', hsCacheDir: TEST_HS_CACHE_DIR })
  return {
    ...rspamd,
    workDir,
    async cleanup() {
      await rspamd.stop()
      rmSync(workDir, { recursive: true, force: true })
    },
  }
}
