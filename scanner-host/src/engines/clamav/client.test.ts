import { afterEach, describe, expect, it } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort } from '../../daemons/free-port.ts'
import { clamdAddress } from './address.ts'
import { clamdCommand, clamdInstream, ClamdError, MAX_REPLY_BYTES } from './client.ts'
import { startFakeClamd, type FakeClamd, type Responder } from './testing/fake-clamd.ts'

let fake: FakeClamd | null = null
afterEach(async () => {
  await fake?.close()
  fake = null
})

async function serve(respond: Responder) {
  fake = await startFakeClamd(respond)
  return { fake, address: clamdAddress(fake.address) }
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'resolved'
  } catch (err) {
    expect(err).toBeInstanceOf(ClamdError)
    return (err as ClamdError).kind
  }
}

describe('clamd client (protocol, against a scripted server)', () => {
  it('sends INSTREAM as big-endian length-prefixed chunks ended by a zero-length chunk', async () => {
    const { fake, address } = await serve(() => 'stream: OK\0')
    const reply = await clamdInstream(address, Buffer.alloc(200_000, 1), { chunkBytes: 65_536 })
    expect(reply).toBe('stream: OK')
    expect(fake.requests[0]).toEqual({
      command: 'zINSTREAM',
      chunks: [65_536, 65_536, 65_536, 3_392, 0],
      bytes: 200_000,
    })
  })

  it('sends an empty stream as the terminator alone', async () => {
    const { fake, address } = await serve(() => 'stream: OK\0')
    await clamdInstream(address, Buffer.alloc(0), { chunkBytes: 1024 })
    expect(fake.requests[0]!.chunks).toEqual([0])
  })

  it('sends z-prefixed commands and strips the NUL from the reply', async () => {
    const { fake, address } = await serve((r) => (r.command === 'zPING' ? 'PONG\0' : 'ClamAV 1.4.6\0'))
    expect(await clamdCommand(address, 'PING')).toBe('PONG')
    expect(await clamdCommand(address, 'VERSION')).toBe('ClamAV 1.4.6')
    expect(fake.requests.map((r) => r.command)).toEqual(['zPING', 'zVERSION'])
  })

  it('calls a reply cut off before its NUL a protocol error', async () => {
    const { address } = await serve(() => 'stream: OK')
    expect(await kindOf(clamdInstream(address, Buffer.from('x'), { chunkBytes: 1024 }))).toBe('protocol')
  })

  it('stops reading a reply longer than any clamd reply', async () => {
    const { address } = await serve(() => Buffer.alloc(MAX_REPLY_BYTES + 10, 0x41))
    expect(await kindOf(clamdCommand(address, 'VERSION'))).toBe('protocol')
  })

  it('calls a connection closed without an answer unavailable', async () => {
    const { address } = await serve((_r, socket) => {
      socket.destroy()
      return null
    })
    expect(await kindOf(clamdInstream(address, Buffer.from('x'), { chunkBytes: 1024 }))).toBe('unavailable')
  })

  it('hangs up when the signal fires, and says it was aborted', async () => {
    const { fake, address } = await serve(() => null)
    const controller = new AbortController()
    const pending = clamdInstream(address, Buffer.from('data'), { chunkBytes: 1024, signal: controller.signal })
    for (let i = 0; i < 100 && fake.requests.length === 0; i++) await sleep(10)
    controller.abort(new Error('deadline passed'))
    expect(await kindOf(pending)).toBe('aborted')
    for (let i = 0; i < 100 && fake.openConnections() > 0; i++) await sleep(10)
    expect(fake.openConnections()).toBe(0)
  })

  it('does not connect at all when the signal has already fired', async () => {
    const { fake, address } = await serve(() => 'PONG\0')
    expect(await kindOf(clamdCommand(address, 'PING', { signal: AbortSignal.abort() }))).toBe('aborted')
    expect(fake.requests).toEqual([])
  })

  it('names a refused port and a missing socket file as unavailable', async () => {
    const refused = clamdCommand(clamdAddress(`tcp://127.0.0.1:${await freePort()}`), 'PING')
    await expect(refused).rejects.toThrow(/connection refused/)
    const missing = clamdCommand(clamdAddress('unix:/nonexistent/moat/clamd.sock'), 'PING')
    await expect(missing).rejects.toThrow(/there is no socket at \/nonexistent\/moat\/clamd.sock/)
    expect(await kindOf(missing)).toBe('unavailable')
  })
})
