/** ensureClamavPackages: clamd and its test files from Debian, installed once per process when missing. */
import { ensureDebianPackages } from '../system-packages.ts'

/** `clamav-daemon` is clamd; `clamav-testfiles` holds the harmless files that test signatures match. */
export const CLAMAV_PACKAGES = ['clamav-daemon', 'clamav-testfiles'] as const

let checked = false

/** Throws with the installer's reason when the packages are missing and cannot be installed. */
export function ensureClamavPackages(): void {
  if (checked) return
  const problem = ensureDebianPackages(CLAMAV_PACKAGES)
  if (problem) throw new Error(`ClamAV is not installed and could not be: ${problem}`)
  checked = true
}
