/** ensureRspamdPackages: Rspamd and the Redis it stores Bayes and fuzzy hashes in, from Debian, once per process. */
import { ensurePackagesOnce } from '../system-packages.ts'

export const RSPAMD_PACKAGES = ['rspamd', 'redis-server'] as const

/** Throws with the installer's reason when the packages are missing and cannot be installed. */
export function ensureRspamdPackages(): void {
  ensurePackagesOnce('Rspamd', RSPAMD_PACKAGES)
}
