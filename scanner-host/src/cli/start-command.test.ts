import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { VerdictSchema } from '@moat/contract'
import { MOAT_TEST_STRING } from '../engines/test-string/index.ts'
import { buildMessage } from '../testing/build-message.ts'
import { campaignMessage, FIRST_COPY, VARIANTS } from '../testing/campaign.ts'
import { MOAT_BIN, moatEnv, runMoat } from '../testing/run-moat.ts'

describe('moat start', () => {
  it('serves verdicts on loopback, sees reports made meanwhile, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'moat-start-'))
    const child = spawn(process.execPath, [MOAT_BIN, 'start', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: moatEnv(dataDir),
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

      // A report made by another process (moat train) counts from the running host's next scan.
      const scanVariant = async () => {
        const body = campaignMessage(VARIANTS['all of them']!)
        const verdict = VerdictSchema.parse(await (await fetch(`${base}/v1/scan`, { method: 'POST', body })).json())
        return verdict.reasons.map((r) => r.code)
      }
      expect(await scanVariant()).toEqual([])
      const reported = join(dataDir, 'reported.eml')
      await writeFile(reported, campaignMessage(FIRST_COPY))
      const train = await runMoat(['train', '--spam', reported], { dataDir })
      expect(train.code, train.stderr).toBe(0)
      expect(await scanVariant()).toEqual(['FINGERPRINT_REPORTED_SPAM'])
    } finally {
      child.kill('SIGTERM')
    }
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
    expect(output).toContain('moat: SIGTERM received')
    expect(output).toContain('moat: stopped')
  })
})
