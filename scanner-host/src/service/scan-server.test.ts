import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VerdictSchema } from '@moat/contract'
import { STATELESS_ENGINES } from '../engines/registry.ts'
import { MOAT_TEST_STRING } from '../engines/test-string/index.ts'
import { silentLogger } from '../log.ts'
import { createScanner } from '../pipeline/scan-message.ts'
import { PolicySchema } from '../policy/policy.ts'
import { buildMessage } from '../testing/build-message.ts'
import { createScanServer } from './scan-server.ts'

const policy = PolicySchema.parse({ criticalEngines: [], limits: { maxMessageBytes: 64 * 1024 } })
const server = createScanServer({ scanner: createScanner({ policy, engines: STATELESS_ENGINES }), log: silentLogger })
let base = ''

beforeAll(async () => {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

describe('scan service', () => {
  it('returns a contract-valid verdict for a posted message', async () => {
    const res = await fetch(`${base}/v1/scan`, { method: 'POST', body: buildMessage({ text: MOAT_TEST_STRING }) })
    expect(res.status).toBe(200)
    const verdict = VerdictSchema.parse(await res.json())
    expect(verdict.action).toBe('delete')
  })

  it('answers health checks with the engines it runs', async () => {
    const res = await fetch(`${base}/healthz`)
    const body = (await res.json()) as { status: string; engines: { name: string }[] }
    expect(body.status).toBe('ok')
    expect(body.engines.map((e) => e.name)).toEqual([
      'mime',
      'test-string',
      'attachments',
      'html',
      'impersonation',
      'links',
    ])
  })

  it.each([
    ['GET', '/v1/scan', undefined, 405, 'MethodNotAllowed'],
    ['POST', '/v1/scan', Buffer.alloc(0), 400, 'EmptyBody'],
    ['POST', '/v1/scan', Buffer.alloc(2 * 1024 * 1024, 0x41), 413, 'PayloadTooLarge'],
    ['GET', '/nowhere', undefined, 404, 'NotFound'],
  ])('%s %s -> %i %s', async (method, path, body, status, code) => {
    const res = await fetch(`${base}${path}`, { method, ...(body ? { body } : {}) })
    expect(res.status).toBe(status)
    expect(await res.json()).toMatchObject({ error: { code } })
  })
})
