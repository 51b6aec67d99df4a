/** ClamdAddress: where clamd listens, written `tcp://host:port` or `unix:/path` (as MOAT_CLAMD_ADDRESS). */
import type { NetConnectOpts } from 'node:net'

export type ClamdAddress = { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string }

/** Parses an address, or returns why it is not one; `unix:///path` is taken as `unix:/path`. */
export function parseClamdAddress(text: string): ClamdAddress | string {
  if (text.startsWith('unix:')) {
    const path = text.slice('unix:'.length).replace(/^\/\/(?=\/)/, '')
    return path.startsWith('/') ? { kind: 'unix', path } : 'a unix socket address needs an absolute path: unix:/path'
  }
  const tcp = /^tcp:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/i.exec(text)
  if (!tcp) return 'expected tcp://host:port or unix:/path'
  const port = Number(tcp[2])
  if (port < 1 || port > 65535) return `port ${port} is out of range`
  return { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port }
}

/** The address as the schema has already checked it; throws only on a programming error. */
export function clamdAddress(text: string): ClamdAddress {
  const parsed = parseClamdAddress(text)
  if (typeof parsed === 'string') throw new Error(`bad clamd address ${JSON.stringify(text)}: ${parsed}`)
  return parsed
}

export function connectOptions(address: ClamdAddress): NetConnectOpts {
  return address.kind === 'tcp' ? { host: address.host, port: address.port } : { path: address.path }
}

export function formatClamdAddress(address: ClamdAddress): string {
  if (address.kind === 'unix') return `unix:${address.path}`
  return `tcp://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`
}
