import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canConnect } from '../tcp-probe.ts'
import { redisAnswers } from './start-redis.ts'
import { startTestRspamd, type TestRspamd } from './testing.ts'

const GTUBE = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X'

async function scan(url: string, body: string): Promise<{ action: string; symbols: Record<string, unknown> }> {
  const answer = await fetch(`${url}/checkv2`, { method: 'POST', body, signal: AbortSignal.timeout(20_000) })
  return (await answer.json()) as { action: string; symbols: Record<string, unknown> }
}

describe('startRspamd (real Rspamd and Redis)', () => {
  let rspamd: TestRspamd
  beforeAll(async () => {
    rspamd = await startTestRspamd()
  })
  afterAll(() => rspamd?.cleanup())

  it('starts Rspamd on loopback ports of its own and reports what it runs', async () => {
    expect(rspamd.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(rspamd.controllerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(rspamd.url).not.toBe(rspamd.controllerUrl)
    expect(rspamd.version).toMatch(/^\d+\.\d+/)
    expect(rspamd.dns.mode).toBe('stub')
    expect(await (await fetch(`${rspamd.url}/ping`)).text()).toMatch(/pong/)
    const verdict = await scan(rspamd.url, `Subject: test\r\n\r\n${GTUBE}\r\n`)
    expect(verdict.action).toBe('reject')
    expect(verdict.symbols).toHaveProperty('GTUBE')
  })

  it('runs offline without DNS-based checks, and says so in the configuration it wrote', () => {
    const conf = join(rspamd.workDir, 'conf', 'local.d')
    expect(readFileSync(join(conf, 'rbl.conf'), 'utf8')).toContain('enabled = false;')
    expect(readFileSync(join(conf, 'options.inc'), 'utf8')).toContain(`nameserver = ["${rspamd.dns.servers[0]}"];`)
    expect(statSync(rspamd.configFile).mode & 0o077).toBe(0)
  })

  it('keeps the controller behind its password', async () => {
    expect((await fetch(`${rspamd.controllerUrl}/stat`)).status).toBe(401)
    const wrong = await fetch(`${rspamd.controllerUrl}/stat`, { headers: { Password: 'not-it' } })
    expect(wrong.status).toBe(401)
    const right = await fetch(`${rspamd.controllerUrl}/stat`, { headers: { Password: rspamd.password } })
    expect(right.status).toBe(200)
  })

  it('gives Redis a password and keeps its data in the work dir', async () => {
    expect(await redisAnswers(rspamd.redis.host, rspamd.redis.port, 'not-it')).toBe(false)
    expect(existsSync(join(rspamd.workDir, 'redis', 'redis.conf'))).toBe(true)
  })

  it('restarts on the same ports after being killed', async () => {
    rspamd.kill('SIGKILL')
    await expect(fetch(`${rspamd.url}/ping`)).rejects.toThrow()
    await rspamd.restart()
    expect(await (await fetch(`${rspamd.url}/ping`)).text()).toMatch(/pong/)
    expect((await scan(rspamd.url, `Subject: again\r\n\r\n${GTUBE}\r\n`)).action).toBe('reject')
  })

  it('stops Rspamd and Redis', async () => {
    const port = Number(new URL(rspamd.url).port)
    await rspamd.stop()
    expect(await canConnect({ host: '127.0.0.1', port })).toBe(false)
    expect(await canConnect({ host: rspamd.redis.host, port: rspamd.redis.port })).toBe(false)
  })
})
