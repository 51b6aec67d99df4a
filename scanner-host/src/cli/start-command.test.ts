import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { VerdictSchema } from '@moat/contract'
import { MOAT_TEST_STRING } from '../engines/test-string/index.ts'
import { buildMessage } from '../testing/build-message.ts'
import { MOAT_BIN, moatEnv } from '../testing/run-moat.ts'

describe('moat start', () => {
  it('serves verdicts on loopback and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [MOAT_BIN, 'start', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: moatEnv(),
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line in: ${output}`)), 20_000)
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
          if (match) {
            clearTimeout(timer)
            resolve(match[1]!)
          }
        })
      })
      const health = await fetch(`${base}/healthz`)
      expect(health.status).toBe(200)

      const res = await fetch(`${base}/v1/scan`, { method: 'POST', body: buildMessage({ text: MOAT_TEST_STRING }) })
      expect(VerdictSchema.parse(await res.json()).action).toBe('delete')
    } finally {
      child.kill('SIGTERM')
    }
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
    expect(output).toContain('moat: SIGTERM received')
    expect(output).toContain('moat: stopped')
  })
})
