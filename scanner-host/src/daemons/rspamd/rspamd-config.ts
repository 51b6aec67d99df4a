/** writeRspamdConfig: copies Moat's shipped Rspamd configuration into a work dir and fills in one launch's values. */
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** scanner-host/rspamd: the top-level rspamd.conf, local.d, override.d and the offline overlay. */
export const SHIPPED_CONFIG_DIR = fileURLToPath(new URL('../../../rspamd', import.meta.url))

export interface RspamdLaunchValues {
  normal: { host: string; port: number }
  controller: { host: string; port: number }
  fuzzy: { host: string; port: number }
  /** Scanner worker processes. */
  normalCount: number
  redis: { host: string; port: number; password: string }
  /** `host:port` or `host` entries for `dns.nameserver`. */
  dnsServers: readonly string[]
  /** Adds `offline/`: checks that need real DNS are switched off (see its files for why). */
  offline: boolean
  password: string
  hsCacheDir: string
}

/**
 * Writes `confDir` afresh (an earlier launch's files must not linger) and returns the path of its
 * rspamd.conf. Files hold passwords, so only the launching user may read them; Rspamd's main
 * process reads its configuration before its workers give up root.
 */
export function writeRspamdConfig(confDir: string, values: RspamdLaunchValues, shipped = SHIPPED_CONFIG_DIR): string {
  rmSync(confDir, { recursive: true, force: true })
  mkdirSync(confDir, { recursive: true, mode: 0o700 })
  for (const part of ['rspamd.conf', 'local.d', 'override.d'])
    cpSync(join(shipped, part), join(confDir, part), { recursive: true })
  if (values.offline) cpSync(join(shipped, 'offline'), confDir, { recursive: true, force: false, errorOnExist: true })

  const substitutions = placeholderValues(values)
  for (const file of filesUnder(confDir)) {
    const text = readFileSync(file, 'utf8').replace(/@([A-Z_]+)@/g, (whole, name: string) => {
      const value = substitutions[name]
      if (value === undefined) throw new Error(`${file}: unknown placeholder ${whole}`)
      return value
    })
    writeFileSync(file, text, { mode: 0o600 })
    chmodSync(file, 0o600)
  }
  return join(confDir, 'rspamd.conf')
}

function placeholderValues(v: RspamdLaunchValues): Record<string, string> {
  return {
    NORMAL_BIND: ucl(`${v.normal.host}:${v.normal.port}`),
    NORMAL_COUNT: String(v.normalCount),
    CONTROLLER_BIND: ucl(`${v.controller.host}:${v.controller.port}`),
    FUZZY_BIND: ucl(`${v.fuzzy.host}:${v.fuzzy.port}`),
    REDIS: ucl(`${v.redis.host}:${v.redis.port}`),
    REDIS_PASSWORD: ucl(v.redis.password),
    DNS_SERVERS: v.dnsServers.map((s) => `"${ucl(s)}"`).join(', '),
    PASSWORD: ucl(v.password),
    HS_CACHE_DIR: ucl(v.hsCacheDir),
  }
}

/**
 * Values go inside UCL double quotes, where `"` and `\` end or escape the string and `$` expands a
 * variable: a path or password holding one would silently mean something else, so it is refused.
 */
function ucl(value: string): string {
  if (!/^[\x21-\x7e]+$/.test(value) || /["\\$]/.test(value)) {
    throw new Error(
      `Rspamd configuration value ${JSON.stringify(value)}: printable ASCII without " \\ $ or spaces only`,
    )
  }
  return value
}

function filesUnder(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...filesUnder(path))
    else out.push(path)
  }
  return out
}
