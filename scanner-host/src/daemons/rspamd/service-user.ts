/** rspamdUser: the account Rspamd's workers drop to when Moat runs as root, which must exist. */
import { serviceUser, type ServiceUser } from '../service-user.ts'

/**
 * Rspamd parses hostile mail; as root a parser bug would own the machine, and Rspamd refuses to
 * run its workers as root without `--insecure`. Debian's package creates `_rspamd`. Null when Moat
 * does not run as root (Rspamd then runs as the caller).
 */
export function rspamdUser(name = '_rspamd', passwdFile = '/etc/passwd'): ServiceUser | null {
  if (process.getuid?.() !== 0) return null
  const user = serviceUser(name, passwdFile)
  if (user) return user
  throw new Error(`Moat runs as root, but the ${name} account that Rspamd's workers run as does not exist`)
}
