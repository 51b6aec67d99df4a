/** ensureDebianPackages: installs the Debian packages a daemon needs, through the project's own script. */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('../../../scripts/ensure-debian-packages.sh', import.meta.url))

/**
 * Installs whichever of `packages` are missing (apt-get, as root) and returns null, or returns why
 * it could not. Quick when everything is there: the script only asks dpkg.
 */
export function ensureDebianPackages(packages: readonly string[]): string | null {
  const run = spawnSync('bash', [SCRIPT, ...packages], { encoding: 'utf8', timeout: 600_000 })
  if (run.error) return `${SCRIPT}: ${run.error.message}`
  if (run.status !== 0) return `${SCRIPT} ${packages.join(' ')} exited ${run.status}: ${run.stderr.trim().slice(-500)}`
  return null
}

const installed = new Set<string>()

/**
 * ensureDebianPackages once per process for each set (the check costs a dpkg run); throws
 * `<what> is not installed and could not be: <installer's reason>` when they cannot be installed.
 */
export function ensurePackagesOnce(what: string, packages: readonly string[]): void {
  const key = packages.join(' ')
  if (installed.has(key)) return
  const problem = ensureDebianPackages(packages)
  if (problem) throw new Error(`${what} is not installed and could not be: ${problem}`)
  installed.add(key)
}
