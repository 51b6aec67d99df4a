/** serviceUser: the account clamd switches to when Moat runs as root (Debian's clamav-daemon creates `clamav`). */
import { readFileSync } from 'node:fs'

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
