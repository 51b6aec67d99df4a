import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { once } from 'node:events'
import { chmod, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { VerdictSchema } from '@moat/contract'
import { canConnect } from '../daemons/tcp-probe.ts'
import { EICAR } from '../daemons/clamd/index.ts'
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
        return verdict.reasons.filter((r) => r.source === 'tlsh').map((r) => r.code)
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

  it('starts its own Rspamd and clamd when none is named, scans with them, and stops them on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'moat-start-embedded-'))
    // Rspamd's workers run as _rspamd and clamd may drop root: they must reach the data folder.
    await chmod(dataDir, 0o755)
    // Without the test suite's daemon addresses, as on a fresh install.
    const named = ['MOAT_RSPAMD_URL', 'MOAT_RSPAMD_CONTROLLER_URL', 'MOAT_RSPAMD_PASSWORD', 'MOAT_CLAMD_ADDRESS']
    const env = Object.fromEntries(Object.entries(moatEnv(dataDir)).filter(([name]) => !named.includes(name)))
    const child = spawn(process.execPath, [MOAT_BIN, 'start', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    let rspamdUrl: string
    try {
      const base = await listeningUrl(child, () => output, 150_000)
      rspamdUrl = /rspamd: started Rspamd [\d.]+ at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? ''
      expect(rspamdUrl, output).not.toBe('')
      expect(output).toMatch(/clamav: started ClamAV [\d.]+\S* at tcp:\/\/127\.0\.0\.1:\d+/)
      expect(output).toMatch(/engine rspamd: ready/)
      expect(output).toMatch(/engine clamav: (ready|degraded)/)

      const scan = async (body: Buffer) => {
        const res = await fetch(`${base}/v1/scan`, { method: 'POST', body })
        return VerdictSchema.parse(await res.json())
      }
      const gtube = await scan(buildMessage({ text: `${GTUBE}\n` }))
      expect(gtube.reasons.map((r) => r.code)).toContain('RSPAMD_REJECT')
      const eicar = await scan(
        buildMessage({ text: 'see attached', attachments: [{ filename: 'a.txt', content: Buffer.from(EICAR) }] }),
      )
      expect(eicar.reasons.map((r) => r.code)).toContain('CLAMAV_MALWARE')
      expect(eicar.action).toBe('quarantine')

      // Another command in the same data folder finds the running host's daemons.
      const engines = await runMoat(['engines', '--json'], { dataDir })
      const rows = engines.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { name: string; state: string })
      expect(rows.find((r) => r.name === 'rspamd')?.state).toBe('ready')
    } finally {
      child.kill('SIGTERM')
    }
    const [code] = await once(child, 'exit')
    expect(code, output).toBe(0)
    expect(await canConnect(hostPort(rspamdUrl))).toBe(false)
    expect(existsSync(join(dataDir, 'daemons.json'))).toBe(false)
  }, 200_000)
})

/** Rspamd's own spam test string (its GTUBE module refuses any message that carries it). */
const GTUBE = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X'

function listeningUrl(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in: ${output()}`)), timeoutMs)
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output())
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
  })
}

function hostPort(url: string): { host: string; port: number } {
  const { hostname, port } = new URL(url)
  return { host: hostname, port: Number(port) }
}
