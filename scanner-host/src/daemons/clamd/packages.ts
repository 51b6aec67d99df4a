/** ensureClamavPackages: clamd and its test files from Debian, installed once per process when missing. */
import { ensurePackagesOnce } from '../system-packages.ts'

/** `clamav-daemon` is clamd; `clamav-testfiles` holds the harmless files that test signatures match. */
export const CLAMAV_PACKAGES = ['clamav-daemon', 'clamav-testfiles'] as const

/** Throws with the installer's reason when the packages are missing and cannot be installed. */
export function ensureClamavPackages(): void {
  ensurePackagesOnce('ClamAV', CLAMAV_PACKAGES)
}
