import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../../daemons/free-port.ts'
import { clamdAddress } from './address.ts'
import { clamdHealth } from './health.ts'
import { startFakeClamd, type FakeClamd } from './testing/fake-clamd.ts'

let fake: FakeClamd | null = null
afterEach(async () => {
  await fake?.close()
  fake = null
})

async function healthWith(version: string, now: Date, pong = 'PONG') {
  fake = await startFakeClamd((r) => (r.command === 'zPING' ? `${pong}\0` : `${version}\0`))
  return clamdHealth(clamdAddress(fake.address), AbortSignal.timeout(5000), now)
}

describe('clamd health (PING, VERSION)', () => {
  it('is ready with a fresh official database and names its version', async () => {
    const health = await healthWith('ClamAV 1.4.6/27120/Fri Nov 20 12:00:00 2026', new Date('2026-11-22T00:00:00Z'))
    expect(health).toEqual({
      state: 'ready',
      version: 'ClamAV 1.4.6/27120',
      loaded: 'daily database 27120 of 2026-11-20',
    })
  })

  it('is degraded when the database is weeks old', async () => {
    const health = await healthWith('ClamAV 1.4.6/27120/Fri Nov 20 12:00:00 2026', new Date('2026-12-30T00:00:00Z'))
    expect(health.state).toBe('degraded')
    expect(health.loaded).toMatch(/39 days old: is freshclam running\?/)
  })

  it('is degraded without an official database and says to run freshclam', async () => {
    const health = await healthWith('ClamAV 1.4.6', new Date())
    expect(health.state).toBe('degraded')
    expect(health.loaded).toMatch(/run freshclam/)
  })

  it('is down when PING is not answered with PONG, or nothing listens', async () => {
    expect((await healthWith('ClamAV 1.4.6', new Date(), 'PANG')).state).toBe('down')
    const health = await clamdHealth(clamdAddress(`tcp://127.0.0.1:${await freePort()}`), AbortSignal.timeout(5000))
    expect(health).toMatchObject({ state: 'down', lastError: expect.stringMatching(/connection refused/) })
  })
})
