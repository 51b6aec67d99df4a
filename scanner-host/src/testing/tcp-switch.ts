/** Test helper: a loopback TCP forwarder to a real daemon that can be switched off and on, to fake its outage quickly. */
import { createServer, connect, type Server, type Socket } from 'node:net'

export interface TcpSwitch {
  /** `http://127.0.0.1:PORT` style address of the forwarder's side. */
  readonly port: number
  /** Refuses new connections and cuts open ones, as a stopped daemon does. */
  off(): void
  on(): void
  close(): Promise<void>
}

/** Forwards 127.0.0.1:<port> to `target`; Rspamd itself takes ~10 s to restart, this switch takes none. */
export async function startTcpSwitch(target: { host: string; port: number }): Promise<TcpSwitch> {
  let enabled = true
  const open = new Set<Socket>()
  const server: Server = createServer((client) => {
    if (!enabled) return client.destroy()
    const upstream = connect(target)
    open.add(client).add(upstream)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      open.delete(client)
      open.delete(upstream)
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    off() {
      enabled = false
      for (const socket of open) socket.destroy()
      open.clear()
    },
    on() {
      enabled = true
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
