/** canConnect: whether something accepts TCP connections (or unix-socket ones) at an address, right now. */
import { connect, type NetConnectOpts } from 'node:net'

/** True when a connection opens within `timeoutMs`; never throws. */
export function canConnect(
  address: { host: string; port: number } | { path: string },
  timeoutMs = 500,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ ...address, timeout: timeoutMs } as NetConnectOpts)
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('connect', () => done(true))
    socket.once('timeout', () => done(false))
    socket.once('error', () => done(false))
  })
}
