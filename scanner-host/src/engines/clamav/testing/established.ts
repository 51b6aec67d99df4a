/** Test helper: how many TCP connections to a port are established from this machine, read from /proc/net/tcp (Linux). */
import { readFileSync } from 'node:fs'

/** Client ends only (remote port = `port`): one per connection, even when the server is local too. */
export function establishedTo(port: number): number {
  let table: string
  try {
    table = readFileSync('/proc/net/tcp', 'utf8')
  } catch {
    return 0
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  // Columns: sl local_address rem_address st ...; state 01 is ESTABLISHED.
  return table
    .split('\n')
    .slice(1)
    .filter((line) => {
      const [, , remote, state] = line.trim().split(/\s+/)
      return state === '01' && remote?.endsWith(`:${hexPort}`)
    }).length
}
