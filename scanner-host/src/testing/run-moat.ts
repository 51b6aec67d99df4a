/** Test helper: runs the real `moat` command line in a child process and collects its output. */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const MOAT_BIN = fileURLToPath(new URL('../../bin/moat.js', import.meta.url))

export interface MoatRun {
  code: number | null
  stdout: string
  stderr: string
}

/** One learning state per test file unless a test names its own: runs never touch the repository's ./data. */
let sharedDataDir: string | undefined

export interface RunOptions {
  stdin?: Buffer
  timeoutMs?: number
  /** MOAT_DATA_DIR for the run: where the learning state lives. */
  dataDir?: string
}

/** The environment of a `moat` child process: this one's, with MOAT_DATA_DIR set to a test directory. */
export function moatEnv(dataDir?: string): NodeJS.ProcessEnv {
  sharedDataDir ??= mkdtempSync(join(tmpdir(), 'moat-test-state-'))
  return { ...process.env, MOAT_DATA_DIR: dataDir ?? sharedDataDir }
}

export function runMoat(args: string[], options: RunOptions = {}): Promise<MoatRun> {
  const env = moatEnv(options.dataDir)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MOAT_BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() })
    })
    child.stdin.end(options.stdin ?? Buffer.alloc(0))
  })
}
