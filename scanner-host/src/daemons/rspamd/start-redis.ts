/** startRedis: the Redis server behind Moat's Rspamd (Bayes, fuzzy hashes, history), loopback only, with a password. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { startDaemon, type RunningDaemon } from '../child-daemon.ts'
import { freePort } from '../free-port.ts'

export interface RedisInstance {
  host: string
  port: number
  password: string
  daemon: RunningDaemon
}

/** A port from freePort can be taken before redis-server binds it; a fresh one is tried this often. */
const PORT_ATTEMPTS = 3

/**
 * Persistence is on, in `dir`: what Rspamd keeps in Redis is what the learning loop taught it
 * (Bayes tokens, fuzzy hashes of reported mail), and losing it with every restart would undo the
 * training. A snapshot every 5 minutes when anything changed, and one at shutdown, cost nothing
 * noticeable; an append-only log would only matter for the last minutes before a crash.
 */
export function redisConfig(o: { port: number; dir: string; password: string }): string {
  return [
    '# Written by Moat (startRspamd) for the Redis behind its Rspamd; see redis.conf(5).',
    `port ${o.port}`,
    'bind 127.0.0.1',
    'protected-mode yes',
    `requirepass ${o.password}`,
    // startDaemon owns the process and its log: stay in the foreground, log to standard output.
    'daemonize no',
    'logfile ""',
    `dir ${o.dir}`,
    'dbfilename rspamd.rdb',
    'save 300 1',
    'appendonly no',
  ].join('\n')
}

export async function startRedis(workDir: string, password: string): Promise<RedisInstance> {
  const dir = join(workDir, 'redis')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const configFile = join(dir, 'redis.conf')
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    // The password stays out of the command line, which every local user can read.
    writeFileSync(configFile, redisConfig({ port, dir, password }) + '\n', { mode: 0o600 })
    try {
      const daemon = await startDaemon({
        name: 'redis',
        command: 'redis-server',
        args: [configFile],
        cwd: dir,
        isReady: () => redisAnswers('127.0.0.1', port, password),
        readyTimeoutMs: 30_000,
        logFile: join(dir, 'redis.log'),
      })
      return { host: '127.0.0.1', port, password, daemon }
    } catch (err) {
      if (attempt >= PORT_ATTEMPTS || !/Address already in use/i.test((err as Error).message)) throw err
    }
  }
}

/**
 * AUTH then PING, in RESP's inline form; true once both succeed. A Redis still loading its snapshot
 * accepts connections but answers `-LOADING`, so a TCP connect alone would be too early.
 */
export function redisAnswers(host: string, port: number, password: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs })
    let reply = ''
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setEncoding('utf8')
    socket.once('connect', () => socket.write(`AUTH ${password}\r\nPING\r\n`))
    socket.on('data', (chunk: string) => {
      reply += chunk
      if (reply.includes('+PONG\r\n')) done(reply.startsWith('+OK\r\n'))
      else if (reply.startsWith('-') || reply.includes('\r\n-') || reply.length > 1024) done(false)
    })
    socket.once('timeout', () => done(false))
    socket.once('error', () => done(false))
    socket.once('close', () => done(false))
  })
}
