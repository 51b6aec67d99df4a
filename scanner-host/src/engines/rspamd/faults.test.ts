/**
 * Faults the real Rspamd does not produce on demand (HTTP errors, garbage, an answer cut short, no
 * answer at all), from a fake daemon on loopback. The real daemon's own faults (killed mid-run,
 * not running) are in rspamd.test.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { silentLogger } from '../../log.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { OrganizationSchema } from '../../policy/organization.ts'
import { buildMessage } from '../../testing/build-message.ts'
import { runEngine } from '../../testing/engine-harness.ts'
import { freePort } from '../../daemons/free-port.ts'
import { createDeadline } from '../engine.ts'
import { checkMessage } from './check.ts'
import { RspamdConfigSchema, type RspamdConfigInput } from './config.ts'
import { learnHam, learnSpam, rspamdStat } from './controller.ts'
import { createRspamdHttp, RspamdError } from './http.ts'
import { createRspamdEngine } from './rspamd-engine.ts'

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void

describe('the rspamd engine against a faulty daemon', () => {
  let server: Server
  let base = ''
  let handler: Handler = (_req, res) => res.end()
  let lastRequest: { url: string; headers: IncomingMessage['headers']; body: Buffer } | null = null
  const engine = createRspamdEngine()

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = Buffer.concat(chunks)
        lastRequest = { url: req.url ?? '', headers: req.headers, body }
        handler(req, res, body)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await engine.close?.()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  const config = (over: RspamdConfigInput = {}) => ({ url: base, controllerUrl: base, password: 'pw', ...over })
  const scan = (over: RspamdConfigInput = {}) => runEngine(engine, { text: 'Hello' }, { config: config(over) })
  const json =
    (status: number, value: unknown): Handler =>
    (_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(value))
    }

  it('sends the raw message to /checkv2 and reads Rspamd’s answer', async () => {
    handler = json(200, {
      score: 16.5,
      required_score: 15,
      action: 'reject',
      symbols: {
        A_SMALL: { name: 'A_SMALL', score: 0.5 },
        A_BIG: { name: 'A_BIG', score: 16, description: 'Something big' },
      },
    })
    const outcome = await scan()
    expect(lastRequest?.url).toBe('/checkv2')
    expect(lastRequest?.body.toString()).toContain('Subject: Test message')
    expect(lastRequest?.headers['queue-id']).toMatch(/^moat-/)
    expect(outcome).toMatchObject({
      status: 'ok',
      findings: [{ code: 'RSPAMD_REJECT', evidence: { symbols: ['A_BIG (+16)', 'A_SMALL (+0.5)'] } }],
    })
  })

  it('reports an HTTP error as an error that names it, never as clean', async () => {
    handler = json(500, { error: 'internal error' })
    const outcome = await scan()
    expect(outcome).toMatchObject({ status: 'error', errorCode: 'Threw' })
    expect(outcome.status === 'error' && outcome.why).toMatch(/HTTP 500: internal error/)
  })

  it('reports an answer that is not Rspamd’s as InvalidResult', async () => {
    handler = (_req, res) => res.end('<html>proxy error</html>')
    expect(await scan()).toMatchObject({ status: 'error', errorCode: 'InvalidResult' })
    handler = json(200, { score: 'high', action: 'reject' })
    expect(await scan()).toMatchObject({ status: 'error', errorCode: 'InvalidResult' })
  })

  it('reports an answer cut short as Unavailable', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' })
      res.write('{"score": 1')
      setImmediate(() => res.socket?.destroy())
    }
    const outcome = await scan()
    expect(outcome).toMatchObject({ status: 'error', errorCode: 'Unavailable' })
    expect(outcome.status === 'error' && outcome.why).toMatch(/closed the connection before answering/)
  })

  it('reports a daemon that never answers as Timeout when the deadline aborts the scan', async () => {
    handler = () => undefined
    const message = await parseMessage(buildMessage({ text: 'Hello' }), DEFAULT_LIMITS)
    const outcome = await engine.scan(message, {
      config: RspamdConfigSchema.parse(config()),
      signal: AbortSignal.timeout(200),
      deadline: createDeadline(200),
      limits: DEFAULT_LIMITS,
      organization: OrganizationSchema.parse({}),
      log: silentLogger,
    })
    expect(outcome).toMatchObject({ status: 'error', errorCode: 'Timeout' })
  })

  it('reports nothing listening as Unavailable, and health says down', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const outcome = await runEngine(engine, { text: 'Hello' }, { config: { url: closed } })
    expect(outcome).toMatchObject({ status: 'error', errorCode: 'Unavailable' })
    expect(outcome.status === 'error' && outcome.why).toMatch(/not running .*connection refused/)
    const health = await engine.health!({
      config: RspamdConfigSchema.parse({ url: closed }),
      signal: AbortSignal.timeout(5000),
      log: silentLogger,
    })
    expect(health.state).toBe('down')
  })

  it('skips a message above maxMessageBytes, and says why', async () => {
    const outcome = await scan({ maxMessageBytes: 100 })
    expect(outcome).toMatchObject({ status: 'skipped' })
    expect(outcome.status === 'skipped' && outcome.why).toMatch(/Rspamd is sent messages up to/)
  })

  it('refuses an answer far larger than any Rspamd result', async () => {
    handler = (_req, res) => res.end(Buffer.alloc(9 * 1024 * 1024, 0x20))
    await expect(checkMessage(Buffer.from('Subject: x\r\n\r\nx'), { url: base })).rejects.toMatchObject({
      kind: 'protocol',
    })
  })

  describe('controller', () => {
    const raw = Buffer.from('Subject: x\r\n\r\nsome words to learn\r\n')
    const http = createRspamdHttp()
    afterAll(() => http.close())

    it('sends the password and tells learnt, already learnt and declined apart', async () => {
      handler = json(200, { success: true })
      expect(await learnSpam(raw, config(), { http })).toEqual({ outcome: 'learned', detail: '' })
      expect(lastRequest?.url).toBe('/learnspam')
      expect(lastRequest?.headers['password']).toBe('pw')
      handler = json(208, { error: '<id> has been already learned as ham, ignore it' })
      expect(await learnHam(raw, config(), { http })).toMatchObject({ outcome: 'already-learned' })
      expect(lastRequest?.url).toBe('/learnham')
      handler = (_req, res) => res.writeHead(204).end()
      expect(await learnHam(raw, config(), { http })).toMatchObject({ outcome: 'not-learned' })
    })

    it('rejects with RspamdError when the password is refused or missing', async () => {
      handler = json(401, { error: 'Unauthorized' })
      await expect(learnSpam(raw, config(), { http })).rejects.toMatchObject({ kind: 'unauthorized', status: 401 })
      lastRequest = null
      const noPassword = { url: base, controllerUrl: base, password: undefined }
      await expect(rspamdStat(noPassword, { http })).rejects.toBeInstanceOf(RspamdError)
      expect(lastRequest).toBeNull()
    })
  })
})
