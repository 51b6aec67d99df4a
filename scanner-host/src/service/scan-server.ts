/** The scanner host's local scan service: POST a raw message, get its Verdict as JSON. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Logger } from '../log.ts'
import type { Scanner } from '../pipeline/scan-message.ts'

export interface ScanServerOptions {
  scanner: Scanner
  log: Logger
  /** Scans running at once; more are refused with 503 so memory stays bounded. */
  maxConcurrentScans?: number
}

/** Room above maxMessageBytes so an oversize message still gets a LIMIT_SIZE verdict. */
const BODY_SLACK_BYTES = 1024 * 1024

/**
 * Routes: `POST /v1/scan` (body: the message bytes) -> Verdict; `GET /healthz` -> engines.
 * Errors are JSON `{ error: { code, message } }` with a fitting status.
 */
export function createScanServer(options: ScanServerOptions): Server {
  const { scanner, log } = options
  const maxConcurrent = options.maxConcurrentScans ?? 16
  const maxBody = scanner.limits.maxMessageBytes + BODY_SLACK_BYTES
  let inFlight = 0

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'MethodNotAllowed', 'use GET')
      return sendJson(res, 200, {
        status: 'ok',
        engines: scanner.engines.map((c) => ({ name: c.engine.name, timeoutMs: c.timeoutMs })),
      })
    }
    if (path !== '/v1/scan') return sendError(res, 404, 'NotFound', `no route ${path}`)
    if (req.method !== 'POST') return sendError(res, 405, 'MethodNotAllowed', 'use POST with the message as body')
    if (inFlight >= maxConcurrent) {
      res.setHeader('Retry-After', '1')
      return sendError(res, 503, 'Busy', `${maxConcurrent} scans are already running`)
    }
    inFlight++
    void handleScan(req, res, scanner, maxBody, log).finally(() => inFlight--)
  })
}

async function handleScan(req: IncomingMessage, res: ServerResponse, scanner: Scanner, maxBody: number, log: Logger) {
  try {
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (declared > maxBody) {
      req.resume()
      return sendError(res, 413, 'PayloadTooLarge', `messages above ${maxBody} bytes are refused`)
    }
    const body = await readBody(req, maxBody)
    if (body === null) return sendError(res, 413, 'PayloadTooLarge', `messages above ${maxBody} bytes are refused`)
    if (body.length === 0) return sendError(res, 400, 'EmptyBody', 'the request body must be the raw message')
    const { verdict } = await scanner.scan(body)
    sendJson(res, 200, verdict)
  } catch (err) {
    log.error('scan failed', { error: (err as Error).message })
    if (!res.headersSent) sendError(res, 500, 'ScanFailed', 'the message could not be scanned')
  }
}

/** The body, or null once it passes `maxBytes` (the rest is drained, not stored). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } })
}
