/** Test helper: runs the real `moat` command line in a child process and collects its output. */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const MOAT_BIN = fileURLToPath(new URL('../../bin/moat.js', import.meta.url))

export interface MoatRun {
  code: number | null
  stdout: string
  stderr: string
}

export function runMoat(args: string[], options: { stdin?: Buffer; timeoutMs?: number } = {}): Promise<MoatRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MOAT_BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
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
