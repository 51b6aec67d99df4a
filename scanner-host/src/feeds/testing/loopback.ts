/** Test helper: an HTTP server on 127.0.0.1 with a free port, closed with every connection it holds. */
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  origin: string
  port: number
  server: Server
  close(): Promise<void>
}

export async function serveLoopback(handler: RequestListener): Promise<Loopback> {
  const server = createServer(handler)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Absolute path of a file in feeds/fixtures. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))
}
