import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { EICAR } from '../../daemons/clamd/index.ts'
import { silentLogger } from '../../log.ts'
import { runEngine } from '../../testing/engine-harness.ts'
import { clamavEngine, createClamavEngine } from './index.ts'
import { useRealClamd } from './testing/real-clamd.ts'

const tcp = useRealClamd({ socket: 'tcp' })
// StreamMaxLength of 1 MiB, below the engine's default maxStreamBytes: the daemon's own limit answers.
const unix = useRealClamd({ socket: 'unix', streamMaxBytes: 1024 * 1024 })

const eicarMail = { text: 'hi', attachments: [{ filename: 'eicar.com', content: EICAR }] }

describe('clamav engine: transports, limits, health', () => {
  it('works over TCP and over a unix socket', async () => {
    expect(tcp().address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/)
    expect(unix().address).toMatch(/^unix:\/.*clamd\.sock$/)
    for (const address of [tcp().address, unix().address]) {
      const outcome = await runEngine(clamavEngine, eicarMail, { config: { address } })
      expect(outcome.status === 'ok' && outcome.findings.map((f) => f.code), address).toEqual(['CLAMAV_MALWARE'])
    }
  })

  it('does not send parts above maxStreamBytes, and reports them instead of calling them clean', async () => {
    const outcome = await runEngine(
      clamavEngine,
      {
        text: 'two files',
        attachments: [{ filename: 'big.bin', content: randomBytes(100_000) }, ...eicarMail.attachments],
      },
      { config: { address: tcp().address, maxStreamBytes: 64 * 1024 } },
    )
    expect(outcome.status).toBe('ok')
    const findings = outcome.status === 'ok' ? outcome.findings : []
    expect(findings.map((f) => f.code)).toEqual(['CLAMAV_MALWARE', 'CLAMAV_NOT_SCANNED'])
    expect(findings[0]!.evidence.part).toBe('attachment eicar.com')
    expect(findings[1]!.evidence.parts).toEqual(['raw message', 'attachment big.bin'])
    expect(findings[1]!.text).toMatch(
      /^ClamAV could not check all of this message\. The message is \d+\.\d KB, more than the 64\.0 KB sent to ClamAV\./,
    )
  })

  it("never calls a part above the daemon's own StreamMaxLength clean", async () => {
    const outcome = await runEngine(
      clamavEngine,
      { attachments: [{ filename: 'large.bin', content: randomBytes(2 * 1024 * 1024) }] },
      { config: { address: unix().address } },
    )
    // clamd answers "INSTREAM size limit exceeded" and closes; if the close overtakes the answer
    // the stream fails instead. Either way the message is not passed as checked.
    if (outcome.status === 'ok') {
      expect(outcome.findings.map((f) => f.code)).toEqual(['CLAMAV_NOT_SCANNED'])
      expect(outcome.findings[0]!.evidence.reasons).toEqual([
        expect.stringMatching(/more than clamd's StreamMaxLength/),
        expect.stringMatching(/more than clamd's StreamMaxLength/),
      ])
    } else
      expect(outcome).toMatchObject({
        status: 'error',
        errorCode: 'Unavailable',
        why: expect.stringMatching(/StreamMaxLength/),
      })
    console.info(
      `part above StreamMaxLength: ${outcome.status === 'ok' ? 'CLAMAV_NOT_SCANNED' : `error: ${outcome.why}`}`,
    )
  })

  it('reports health from PING and VERSION: degraded with the test database, down when nothing listens', async () => {
    // A fresh engine: the shared one remembers the errors of the tests above.
    const engine = createClamavEngine()
    const ask = (address: string) =>
      engine.health!({
        config: engine.configSchema.parse({ address }),
        signal: AbortSignal.timeout(3000),
        log: silentLogger,
      })
    for (const address of [tcp().address, unix().address]) {
      expect(await ask(address)).toEqual({
        state: 'degraded',
        version: tcp().version,
        loaded: expect.stringMatching(/only local signatures .*run freshclam/),
      })
    }
    expect(tcp().version).toMatch(/^ClamAV \d+\.\d+\.\d+/)
    const down = await ask('unix:/nonexistent/clamd.sock')
    expect(down).toMatchObject({ state: 'down', lastError: 'there is no socket at /nonexistent/clamd.sock' })
  })
})
