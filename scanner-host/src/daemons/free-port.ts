/** freePort: a TCP port on loopback that nothing listens on right now, for daemons Moat starts. */
import { createServer } from 'node:net'

/**
 * Asks the kernel for an ephemeral port and releases it. Another process could take it before the
 * caller binds, so callers that start a daemon on it should retry on "address in use".
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, host, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('no port was assigned'))))
    })
  })
}
