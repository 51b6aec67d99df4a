/** startDaemon: runs a daemon (rspamd, redis, clamd) as a child process, waits until it answers, stops it. */
import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

export interface DaemonSpec {
  /** Short name for messages: `rspamd`, `redis`, `clamd`. */
  name: string
  command: string
  args: readonly string[]
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Resolves true once the daemon serves requests (a TCP connect, a PING). Must not throw. */
  isReady: () => Promise<boolean>
  /** How long start-up may take before it counts as failed (clamd loading a big database is slow). */
  readyTimeoutMs: number
  /** The daemon's standard output and error go here, for people and for error messages. */
  logFile: string
}

export interface DaemonExit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface RunningDaemon {
  readonly name: string
  readonly pid: number
  /** Settles when the daemon's main process exits. */
  readonly exited: Promise<DaemonExit>
  /** SIGTERM to the daemon and its workers, SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>
  /** Sends `signal` to the daemon's whole process group without waiting (tests kill daemons mid-run). */
  kill(signal?: NodeJS.Signals): void
}

/** Daemons started by this process, stopped when it exits so no worker outlives Moat. */
const running = new Set<RunningDaemon>()
let exitHookInstalled = false

/**
 * Starts the daemon in its own process group (rspamd forks workers; killing only the main process
 * would leave them holding the port) and polls `isReady` every 100 ms. Rejects with the tail of the
 * daemon's log when it exits or does not answer in time.
 */
export async function startDaemon(spec: DaemonSpec): Promise<RunningDaemon> {
  installExitHook()
  const logFd = openSync(spec.logFile, 'a')
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', logFd, logFd],
    detached: true,
  })
  closeSync(logFd)
  const pid = child.pid
  const exited = new Promise<DaemonExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
    child.once('error', () => resolve({ code: -1, signal: null }))
  })
  let hasExited = false
  void exited.then(() => (hasExited = true))

  const killGroup = (signal: NodeJS.Signals) => {
    if (pid === undefined) return
    try {
      process.kill(-pid, signal)
    } catch {
      // Already gone: nothing to signal.
    }
  }
  const daemon: RunningDaemon = {
    name: spec.name,
    pid: pid ?? -1,
    exited,
    kill: killGroup,
    async stop(graceMs = 5000) {
      running.delete(daemon)
      killGroup('SIGTERM')
      const stopped = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])
      // Workers may outlive the main process; the group kill reaches them either way.
      killGroup('SIGKILL')
      if (!stopped) await exited
    },
  }
  running.add(daemon)

  const deadline = Date.now() + spec.readyTimeoutMs
  while (Date.now() < deadline) {
    if (hasExited) break
    if (await spec.isReady()) return daemon
    await sleep(100)
  }
  await daemon.stop(1000)
  const why = hasExited ? 'exited during start-up' : `did not answer within ${spec.readyTimeoutMs} ms`
  throw new Error(`${spec.name} ${why}; last lines of ${spec.logFile}:\n${logTail(spec.logFile)}`)
}

function logTail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-15).join('\n')
  } catch {
    return '(no log)'
  }
}

function installExitHook() {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const daemon of running) daemon.kill('SIGKILL')
  })
}
