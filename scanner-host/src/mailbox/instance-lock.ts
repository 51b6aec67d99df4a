/** takeInstanceLock: one watcher per data directory, so no two processes act on the same mailboxes. */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { isProcessAlive } from '../daemons/process-alive.ts'

export class LockError extends Error {
  override name = 'LockError'
}

/**
 * Writes `watcher.lock` with this process's id. A lock whose process is gone (killed with -9)
 * is taken over; a live one is refused. Returns the release function.
 */
export function takeInstanceLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'watcher.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 })
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file)
        } catch {
          // Already gone.
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = Number(readFileSync(file, 'utf8').trim())
      if (holder && holder !== process.pid && isProcessAlive(holder)) {
        throw new LockError(`another scanner host (pid ${holder}) watches the mailboxes of ${dataDir}`)
      }
      unlinkSync(file)
    }
  }
  throw new LockError(`cannot take ${file}`)
}
