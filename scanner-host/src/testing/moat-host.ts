/** Test helper: the real `moat start --config` in a child process, ready once it watches its accounts. */
import { spawn, type ChildProcess } from 'node:child_process'
import { TEST_PASSWORD } from './imap-fixture.ts'
import { MOAT_BIN, moatEnv } from './run-moat.ts'

/**
 * Starts `moat start` and resolves once it has printed `moat: watching` for `accounts` accounts
 * (each reads its pending records first thing).
 */
export async function startMoatHost(configFile: string, dataDir: string, accounts = 1): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MOAT_BIN, 'start', '--config', configFile, '--port', '0'], {
    env: moatEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr!.on('data', () => undefined)
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`moat start did not watch within 60 s:\n${output}`)), 60_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.split('moat: watching').length > accounts) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => reject(new Error(`moat start exited ${code}:\n${output}`)))
  })
  child.removeAllListeners('exit')
  return child
}

/** Stops the host with `signal` and resolves when it has exited. */
export function stopMoatHost(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

/** A one-account configuration file for the test Dovecot; the password comes from the environment. */
export function accountConfigYaml(user: string, port: number, extra = ''): string {
  process.env.MOAT_TEST_IMAP_PASS = TEST_PASSWORD
  return [
    'sweepSeconds: 1',
    'reconnect: { minSeconds: 0.1, maxSeconds: 1 }',
    'accounts:',
    `  - { name: ${user}, host: 127.0.0.1, port: ${port}, secure: false, user: ${user}, pass: { env: MOAT_TEST_IMAP_PASS }${extra} }`,
  ].join('\n')
}
