/** rspamdUser: the account Rspamd's workers drop to when Moat runs as root, and the folders they must reach. */
import { chmodSync, chownSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, resolve, sep } from 'node:path'

export interface ServiceUser {
  name: string
  uid: number
  gid: number
}

/**
 * Rspamd parses hostile mail; as root a parser bug would own the machine, and Rspamd refuses to
 * run its workers as root without `--insecure`. Debian's package creates `_rspamd`. Null when Moat
 * does not run as root (Rspamd then runs as the caller).
 */
export function rspamdUser(name = '_rspamd', passwdFile = '/etc/passwd'): ServiceUser | null {
  if (process.getuid?.() !== 0) return null
  let passwd = ''
  try {
    passwd = readFileSync(passwdFile, 'utf8')
  } catch {
    // Reported below as a missing account.
  }
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid] = line.split(':')
    if (user === name && uid && gid) return { name, uid: Number(uid), gid: Number(gid) }
  }
  throw new Error(`Moat runs as root, but the ${name} account that Rspamd's workers run as does not exist`)
}

/** Gives the folders Rspamd writes after dropping root (caches, statistics, pid file) to its account. */
export function handOver(user: ServiceUser | null, dirs: readonly string[]): void {
  if (user) for (const dir of dirs) chownSync(dir, user.uid, user.gid)
}

/**
 * The workers reach their folders through workDir and its parents (the Hyperscan helper, as
 * `_rspamd`, cannot save compiled expressions otherwise, and every start recompiles them). workDir
 * gets search permission for others, and so do its parents inside the temporary folder (`mkdtemp`
 * makes them mode 700) that this user owns: search only, nobody can list them. Any other parent
 * that blocks the way is reported rather than changed, because it is not Moat's.
 */
export function openPathTo(user: ServiceUser | null, workDir: string, temporary = tmpdir()): void {
  if (!user) return
  const dir = resolve(workDir)
  const tmp = resolve(temporary)
  const owner = process.getuid?.()
  for (let path = dir; ; path = dirname(path)) {
    const stat = statSync(path)
    const searchable =
      (stat.mode & 0o001) !== 0 ||
      (stat.uid === user.uid && (stat.mode & 0o100) !== 0) ||
      (stat.gid === user.gid && (stat.mode & 0o010) !== 0)
    if (!searchable) {
      const ours = stat.uid === owner && (path === dir || path.startsWith(tmp + sep))
      if (!ours) {
        throw new Error(
          `Rspamd's workers run as ${user.name} and cannot enter ${path}: give it search permission (chmod o+x) or put workDir elsewhere`,
        )
      }
      chmodSync(path, (stat.mode & 0o7777) | 0o711)
    }
    if (path === dirname(path)) return
  }
}
