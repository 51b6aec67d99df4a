import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { RspamdConfigSchema } from '../../engines/rspamd/config.ts'
import { SHIPPED_CONFIG_DIR, writeRspamdConfig, type RspamdLaunchValues } from './rspamd-config.ts'
import { redisConfig } from './start-redis.ts'

const VALUES: RspamdLaunchValues = {
  normal: { host: '127.0.0.1', port: 41001 },
  controller: { host: '127.0.0.1', port: 41002 },
  fuzzy: { host: '127.0.0.1', port: 41003 },
  normalCount: 2,
  redis: { host: '127.0.0.1', port: 41004, password: 'redis-secret' },
  dnsServers: ['127.0.0.1:41005'],
  offline: false,
  password: 'controller-secret',
  hsCacheDir: '/var/cache/moat-hs',
}

describe('writeRspamdConfig', () => {
  const dirs: string[] = []
  const confDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'moat-rspamd-conf-'))
    dirs.push(dir)
    return join(dir, 'conf')
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('fills in every placeholder with this launch’s values', () => {
    const dir = confDir()
    const main = writeRspamdConfig(dir, VALUES)
    expect(main).toBe(join(dir, 'rspamd.conf'))
    const read = (file: string) => readFileSync(join(dir, file), 'utf8')
    expect(read('local.d/worker-normal.inc')).toContain('bind_socket = "127.0.0.1:41001";')
    expect(read('local.d/worker-normal.inc')).toContain('count = 2;')
    expect(read('local.d/worker-controller.inc')).toContain('password = "controller-secret";')
    expect(read('local.d/worker-controller.inc')).toContain('enable_password = "controller-secret";')
    expect(read('local.d/redis.conf')).toContain('servers = "127.0.0.1:41004";')
    expect(read('local.d/redis.conf')).toContain('password = "redis-secret";')
    expect(read('local.d/options.inc')).toContain('nameserver = ["127.0.0.1:41005"];')
    expect(read('local.d/options.inc')).toContain('hs_cache_dir = "/var/cache/moat-hs";')
    expect(read('override.d/fuzzy_check.conf')).toContain('servers = "127.0.0.1:41003";')
    for (const file of allFiles(dir)) expect(readFileSync(file, 'utf8')).not.toMatch(/@[A-Z_]+@/)
  })

  it('makes every file readable by the launching user only, as they hold passwords', () => {
    const dir = confDir()
    writeRspamdConfig(dir, VALUES)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    for (const file of allFiles(dir)) expect(statSync(file).mode & 0o077).toBe(0)
  })

  it('adds the offline overlay only without real DNS, and it shadows none of the shipped files', () => {
    const online = confDir()
    writeRspamdConfig(online, VALUES)
    expect(existsSync(join(online, 'local.d/rbl.conf'))).toBe(false)
    const offline = confDir()
    writeRspamdConfig(offline, { ...VALUES, offline: true })
    for (const name of readdirSync(join(SHIPPED_CONFIG_DIR, 'offline/local.d'))) {
      expect(existsSync(join(SHIPPED_CONFIG_DIR, 'local.d', name))).toBe(false)
      expect(existsSync(join(offline, 'local.d', name))).toBe(true)
    }
    expect(readFileSync(join(offline, 'local.d/spf.conf'), 'utf8')).toContain('enabled = false;')
  })

  it('starts afresh: files of an earlier launch do not linger', () => {
    const dir = confDir()
    writeRspamdConfig(dir, { ...VALUES, offline: true })
    writeRspamdConfig(dir, VALUES)
    expect(existsSync(join(dir, 'local.d/rbl.conf'))).toBe(false)
  })

  it('refuses values that would change meaning inside a UCL string', () => {
    for (const password of ['with space', 'quote"d', 'back\\slash', 'dollar$VAR', '']) {
      expect(() => writeRspamdConfig(confDir(), { ...VALUES, password })).toThrow(/printable ASCII/)
    }
  })

  it('ships actions Moat reads as signals: no greylisting, no subject rewriting', () => {
    const actions = readFileSync(join(SHIPPED_CONFIG_DIR, 'local.d/actions.conf'), 'utf8')
    expect(actions).toMatch(/^reject = 15;$/m)
    expect(actions).toMatch(/^add_header = 6;$/m)
    expect(actions).toMatch(/^greylist = null;$/m)
    expect(actions).toMatch(/^rewrite_subject = null;$/m)
    const bayes = readFileSync(join(SHIPPED_CONFIG_DIR, 'local.d/classifier-bayes.conf'), 'utf8')
    expect(bayes).toMatch(/^autolearn = false;$/m)
  })

  it('accepts messages as large as the rspamd engine sends: Rspamd drops the connection on larger ones', () => {
    const options = readFileSync(join(SHIPPED_CONFIG_DIR, 'local.d/options.inc'), 'utf8')
    const mb = Number(/^max_message = (\d+)mb;$/m.exec(options)?.[1])
    expect(mb * 1024 * 1024).toBe(RspamdConfigSchema.parse({}).maxMessageBytes)
  })
})

describe('redisConfig', () => {
  it('binds loopback, requires the password and keeps a snapshot in the work dir', () => {
    const text = redisConfig({ port: 6390, dir: '/srv/moat/rspamd/redis', password: 'pw' })
    expect(text).toContain('port 6390')
    expect(text).toContain('bind 127.0.0.1')
    expect(text).toContain('requirepass pw')
    expect(text).toContain('dir /srv/moat/rspamd/redis')
    expect(text).toMatch(/^save \d+ \d+$/m)
  })
})

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}
