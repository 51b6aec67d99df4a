/** Test helper: a scripted clamd on a loopback port that records what clients send, for protocol edge cases. */
import { createServer, type Server, type Socket } from 'node:net'

export interface FakeRequest {
  /** `zINSTREAM`, `zPING`, ... without the NUL. */
  command: string
  /** INSTREAM chunk lengths in order, the zero-length terminator included. */
  chunks: number[]
  bytes: number
}

export interface FakeClamd {
  address: string
  requests: FakeRequest[]
  /** Sockets still open on the server side; tests check that aborted clients hung up. */
  openConnections(): number
  close(): Promise<void>
}

/** What to write back once the request is complete; null leaves the client waiting. */
export type Responder = (request: FakeRequest, socket: Socket) => string | Buffer | null

export async function startFakeClamd(respond: Responder): Promise<FakeClamd> {
  const requests: FakeRequest[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let buffer = Buffer.alloc(0)
    let request: FakeRequest | null = null
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data])
      if (!request) {
        const nul = buffer.indexOf(0)
        if (nul < 0) return
        request = { command: buffer.subarray(0, nul).toString('latin1'), chunks: [], bytes: 0 }
        requests.push(request)
        buffer = buffer.subarray(nul + 1)
        if (request.command !== 'zINSTREAM') return reply(request)
      }
      // clamd(8): <4-byte big-endian length><data>, ended by a zero length.
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0)
        if (buffer.length < 4 + length) return
        request.chunks.push(length)
        request.bytes += length
        buffer = buffer.subarray(4 + length)
        if (length === 0) return reply(request)
      }
    })
    const reply = (r: FakeRequest) => {
      const answer = respond(r, socket)
      if (answer !== null) socket.end(answer)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    address: `tcp://127.0.0.1:${port}`,
    requests,
    openConnections: () => sockets.size,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
