/** startRspamd: an Rspamd of Moat's own (with its Redis and, when needed, a DNS stub) on loopback, for tests and `moat start`. */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { silentLogger, type Logger } from '../../log.ts'
import { startDaemon, type RunningDaemon } from '../child-daemon.ts'
import { freePort } from '../free-port.ts'
import { chooseDns, type DnsMode } from './choose-dns.ts'
import { ensureRspamdPackages } from './packages.ts'
import { writeRspamdConfig } from './rspamd-config.ts'
import { handOver, openPathTo } from '../service-user.ts'
import { rspamdUser } from './service-user.ts'
import { startRedis } from './start-redis.ts'

export interface StartRspamdOptions {
  /** Configuration, caches, logs and Redis's snapshot go here; reuse it to keep what Rspamd learnt. */
  workDir: string
  /**
   * Where Rspamd's DNS queries go: `'host:port'` of a resolver (a local Unbound is best), `'system'`,
   * or `'stub'` (Moat's NXDOMAIN stub, offline). Left out: the system's resolvers if they resolve
   * real names, else the stub.
   */
  dnsServer?: string
  /** The controller's password (learning, statistics); a random one by default. */
  password?: string
  /** Scanner worker processes; 2 suits a two-core machine. */
  normalWorkers?: number
  /** Compiled regular expressions; share one folder between work dirs to skip the 9 s compile. */
  hsCacheDir?: string
  log?: Logger
}

export interface RspamdInstance {
  /** The scanner worker, `http://127.0.0.1:PORT`: the rspamd engine's `url`. */
  readonly url: string
  /** The controller: the rspamd engine's `controllerUrl`. */
  readonly controllerUrl: string
  /** The controller's password: the rspamd engine's `password`. */
  readonly password: string
  /** `3.4`, as `rspamd --version` says. */
  readonly version: string
  readonly redis: { host: string; port: number }
  /** `stub` means offline: blocklists, SPF, DKIM and DMARC are off (see scanner-host/rspamd/offline). */
  readonly dns: { mode: DnsMode; servers: readonly string[]; why: string }
  readonly configFile: string
  /** Rspamd's own log (start-up, warnings, errors). */
  readonly logFile: string
  /** Stops Rspamd, then Redis (which writes its snapshot), then the DNS stub; resolves once all are gone. */
  stop(): Promise<void>
  /** Signals Rspamd (not Redis) without waiting; tests kill it mid-scan. SIGKILL unless told. */
  kill(signal?: NodeJS.Signals): void
  /** Stops Rspamd if it still runs and starts it again on the same ports. */
  restart(): Promise<void>
}

/** Cold start compiles the Hyperscan cache (about 9 s alone on two cores, longer beside other work). */
const READY_TIMEOUT_MS = 120_000
/** A port from freePort can be taken before Rspamd binds it; fresh ones are tried this often. */
const PORT_ATTEMPTS = 3

/**
 * Installs Rspamd and Redis if missing, starts Redis, picks the DNS resolver, writes a runnable
 * configuration from scanner-host/rspamd into workDir and starts Rspamd in the foreground; resolves
 * once the scanner and the controller both answer /ping. Throws with the end of a log otherwise.
 *
 * @example
 * const rspamd = await startRspamd({ workDir: '/var/lib/moat/rspamd' })
 * // policy: engines.rspamd.config = { url: rspamd.url, controllerUrl: rspamd.controllerUrl, password: rspamd.password }
 * await rspamd.stop()
 */
export async function startRspamd(options: StartRspamdOptions): Promise<RspamdInstance> {
  ensureRspamdPackages()
  const log = options.log ?? silentLogger
  const started = performance.now()
  const workDir = resolve(options.workDir)
  const dirs = {
    conf: join(workDir, 'conf'),
    db: join(workDir, 'db'),
    run: join(workDir, 'run'),
    hsCache: resolve(options.hsCacheDir ?? join(workDir, 'hs-cache')),
  }
  for (const dir of [workDir, dirs.db, dirs.run, dirs.hsCache]) mkdirSync(dir, { recursive: true })
  const user = rspamdUser()
  openPathTo(user, workDir)
  // The workers write statistics, the symbol cache and compiled expressions after giving up root.
  handOver(user, [dirs.db, dirs.run, dirs.hsCache])
  const command = existsSync('/usr/bin/rspamd') ? '/usr/bin/rspamd' : 'rspamd'
  const version = rspamdVersion(command)
  const logFile = join(workDir, 'rspamd.log')
  const password = options.password ?? randomBytes(24).toString('base64url')

  const redis = await startRedis(workDir, randomBytes(24).toString('base64url'))
  const dns = await chooseDns(options.dnsServer).catch(async (err: unknown) => {
    await redis.daemon.stop()
    throw err
  })
  let ports = { normal: 0, controller: 0, fuzzy: 0 }

  const launch = (): Promise<RunningDaemon> => {
    const configFile = writeRspamdConfig(dirs.conf, {
      normal: { host: '127.0.0.1', port: ports.normal },
      controller: { host: '127.0.0.1', port: ports.controller },
      fuzzy: { host: '127.0.0.1', port: ports.fuzzy },
      normalCount: options.normalWorkers ?? 2,
      redis: { host: redis.host, port: redis.port, password: redis.password },
      dnsServers: dns.servers,
      offline: dns.mode === 'stub',
      password,
      hsCacheDir: dirs.hsCache,
    })
    const url = `http://127.0.0.1:${ports.normal}`
    const controllerUrl = `http://127.0.0.1:${ports.controller}`
    return startDaemon({
      name: 'rspamd',
      command,
      args: [
        '-f',
        '-c',
        configFile,
        `--var=LOCAL_CONFDIR=${dirs.conf}`,
        `--var=DBDIR=${dirs.db}`,
        `--var=RUNDIR=${dirs.run}`,
        ...(user ? ['-u', user.name, '-g', user.name] : []),
      ],
      cwd: workDir,
      isReady: async () => (await answersPing(url)) && (await answersPing(controllerUrl)),
      readyTimeoutMs: READY_TIMEOUT_MS,
      logFile,
    })
  }

  let running: RunningDaemon | null = null
  try {
    for (let attempt = 1; !running; attempt++) {
      ports = { normal: await freePort(), controller: await freePort(), fuzzy: await freePort() }
      try {
        running = await launch()
      } catch (err) {
        if (attempt >= PORT_ATTEMPTS || !/Address already in use/i.test((err as Error).message)) throw err
      }
    }
  } catch (err) {
    await Promise.all([redis.daemon.stop(), dns.stub?.close()])
    throw err
  }
  let daemon: RunningDaemon = running

  log.info('rspamd started', {
    url: `http://127.0.0.1:${ports.normal}`,
    version,
    dns: dns.mode,
    startMs: Math.round(performance.now() - started),
  })
  if (dns.mode === 'stub') {
    log.warn(
      `Rspamd runs without DNS (${dns.why}): blocklists, SPF, DKIM and DMARC are off; give it a resolver with dnsServer to turn them on`,
    )
  }

  let stopping: Promise<void> | null = null
  return {
    url: `http://127.0.0.1:${ports.normal}`,
    controllerUrl: `http://127.0.0.1:${ports.controller}`,
    password,
    version,
    redis: { host: redis.host, port: redis.port },
    dns: { mode: dns.mode, servers: dns.servers, why: dns.why },
    configFile: join(dirs.conf, 'rspamd.conf'),
    logFile,
    stop: () =>
      (stopping ??= (async () => {
        await daemon.stop()
        await redis.daemon.stop()
        await dns.stub?.close()
      })()),
    kill: (signal = 'SIGKILL') => daemon.kill(signal),
    async restart() {
      await daemon.stop()
      // A port lingers for a moment after a kill; a few tries ride that out.
      for (let attempt = 1; ; attempt++) {
        try {
          daemon = await launch()
          return
        } catch (err) {
          if (attempt >= PORT_ATTEMPTS) throw err
          await sleep(500)
        }
      }
    },
  }
}

/** `Rspamd daemon version 3.4` -> `3.4`; also proves the binary runs before anything is started. */
function rspamdVersion(command: string): string {
  const run = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 10_000 })
  const version = /version\s+([\w.-]+)/i.exec(`${run.stdout}`)?.[1]
  if (!version) throw new Error(`${command} --version did not say its version: ${run.error?.message ?? run.stderr}`)
  return version
}

async function answersPing(base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/ping`, { signal: AbortSignal.timeout(1000) })
    return response.ok && (await response.text()).trim() === 'pong'
  } catch {
    return false
  }
}
