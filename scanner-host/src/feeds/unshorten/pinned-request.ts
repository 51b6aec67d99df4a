/**
 * One HTTP request to an address chosen beforehand: the connection goes to `address` whatever
 * DNS says by then (no second lookup an attacker could answer differently, "DNS rebinding"), TLS
 * still checks the certificate for the host name, and the body is never read.
 */
import http from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'

export interface HopAnswer {
  status: number
  /** The Location header as sent, or null. */
  location: string | null
}

/** Headers beyond this are refused by Node's parser; a redirect needs a few hundred bytes. */
const MAX_HEADER_BYTES = 16 * 1024

export function requestPinned(
  url: URL,
  address: string,
  method: 'HEAD' | 'GET',
  signal: AbortSignal,
): Promise<HopAnswer> {
  const family = isIP(address)
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address, family }])
    else callback(null, address, family)
  }
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const request = client.request(
      {
        method,
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || (url.protocol === 'https:' ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        headers: { 'user-agent': 'Mozilla/5.0 (compatible; Moat link check)', accept: '*/*' },
        // A fresh connection each time: a pooled one might have been opened to another address.
        agent: false,
        lookup,
        signal,
        maxHeaderSize: MAX_HEADER_BYTES,
      },
      (response) => {
        const location = response.headers.location
        resolve({ status: response.statusCode ?? 0, location: typeof location === 'string' ? location : null })
        // The body is not wanted (a GET fallback may be a whole page): close without reading it.
        response.destroy()
      },
    )
    request.on('error', reject)
    request.end()
  })
}
