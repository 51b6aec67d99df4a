/** ensureRspamdPackages: Rspamd and the Redis it stores Bayes and fuzzy hashes in, from Debian, once per process. */
import { ensureDebianPackages } from '../system-packages.ts'

export const RSPAMD_PACKAGES = ['rspamd', 'redis-server'] as const

let checked = false

/** Throws with the installer's reason when the packages are missing and cannot be installed. */
export function ensureRspamdPackages(): void {
  if (checked) return
  const problem = ensureDebianPackages(RSPAMD_PACKAGES)
  if (problem) throw new Error(`Rspamd is not installed and could not be: ${problem}`)
  checked = true
}
