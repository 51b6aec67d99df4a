/** serviceUser: the account a daemon drops root for (Debian makes `_rspamd`, `clamav`), and the folders it must reach. */
import { chmodSync, chownSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, resolve, sep } from 'node:path'

export interface ServiceUser {
  name: string
  uid: number
  gid: number
}

/** The account's ids; null when not root (nobody to switch from) or when the account does not exist. */
export function serviceUser(name: string, passwdFile = '/etc/passwd'): ServiceUser | null {
  if (process.getuid?.() !== 0) return null
  let passwd: string
  try {
    passwd = readFileSync(passwdFile, 'utf8')
  } catch {
    return null
  }
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid] = line.split(':')
    if (user === name && uid && gid) return { name, uid: Number(uid), gid: Number(gid) }
  }
  return null
}

/** Gives the folders a daemon writes after dropping root (caches, statistics, pid file) to its account. */
export function handOver(user: ServiceUser | null, dirs: readonly string[]): void {
  if (user) for (const dir of dirs) chownSync(dir, user.uid, user.gid)
}

/**
 * The daemon reaches its folders through workDir and its parents (Rspamd's Hyperscan helper, as
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
          `${user.name} (the account the daemon runs as) cannot enter ${path}: give it search permission (chmod o+x) or put workDir elsewhere`,
        )
      }
      chmodSync(path, (stat.mode & 0o7777) | 0o711)
    }
    if (path === dirname(path)) return
  }
}
