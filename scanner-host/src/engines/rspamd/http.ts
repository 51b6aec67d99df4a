/** HTTP to Rspamd's workers: keep-alive agents, the caller's abort signal, bounded answers, failures sorted by kind. */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type OutgoingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

export type RspamdErrorKind =
  /** Nothing answered, or the connection dropped before an answer: Rspamd is down or restarting. */
  | 'unavailable'
  /** The caller's signal fired (the engine's deadline, or the engine closing). */
  | 'aborted'
  /** Rspamd answered with an HTTP error. */
  | 'http'
  /** The controller refused the password. */
  | 'unauthorized'
  /** The answer is not what Rspamd sends (not JSON, wrong shape, far too large). */
  | 'protocol'

export class RspamdError extends Error {
  readonly kind: RspamdErrorKind
  readonly status: number | null
  constructor(kind: RspamdErrorKind, message: string, options?: ErrorOptions & { status?: number }) {
    super(message, options)
    this.name = 'RspamdError'
    this.kind = kind
    this.status = options?.status ?? null
  }
}

export interface HttpAnswer {
  status: number
  body: Buffer
}

export interface RspamdHttp {
  /** Rejects with RspamdError only; resolves with any HTTP status, for the caller to judge. */
  send(
    method: 'GET' | 'POST',
    url: string,
    options: { body?: Buffer; headers?: OutgoingHttpHeaders; signal: AbortSignal },
  ): Promise<HttpAnswer>
  /** Closes idle connections; the client stays usable and opens new ones. */
  close(): void
}

/** A /checkv2 answer is a few kilobytes; megabytes mean something that is not Rspamd. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024

/** Errors that mean the other side is not (or no longer) there. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

/**
 * Rspamd 3.4 answers `Connection: close`, so the keep-alive agents mostly bound the sockets
 * open at once; they reuse connections to proxies and later versions that keep them. A reused
 * connection the server had already closed fails at once: such a request is sent once more.
 */
export function createRspamdHttp(maxSockets = 32): RspamdHttp {
  let agents = newAgents(maxSockets)
  return {
    async send(method, url, options) {
      try {
        return await attempt(agents, method, url, options)
      } catch (err) {
        if (!(err instanceof StaleSocket)) throw err
        return attempt(agents, method, url, options)
      }
    },
    close() {
      agents.http.destroy()
      agents.https.destroy()
      agents = newAgents(maxSockets)
    },
  }
}

class StaleSocket extends Error {}

/**
 * How a kept-alive connection the server closed in the meantime fails on reuse; HPE_CLOSED_CONNECTION
 * is Node's parser seeing the close of Rspamd's controller, which ends idle connections early.
 */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'HPE_CLOSED_CONNECTION'])

function newAgents(maxSockets: number) {
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  }
}

function attempt(
  agents: ReturnType<typeof newAgents>,
  method: 'GET' | 'POST',
  url: string,
  options: { body?: Buffer; headers?: OutgoingHttpHeaders; signal: AbortSignal },
): Promise<HttpAnswer> {
  const { signal } = options
  const target = new URL(url)
  const secure = target.protocol === 'https:'
  return new Promise<HttpAnswer>((resolve, reject) => {
    if (signal.aborted) {
      reject(aborted(url, signal))
      return
    }
    let answered = false
    const headers: OutgoingHttpHeaders = { ...options.headers }
    if (options.body) headers['Content-Length'] = options.body.length
    const req: ClientRequest = (secure ? httpsRequest : httpRequest)(target, {
      method,
      headers,
      agent: secure ? agents.https : agents.http,
      signal,
    })
    let status: number | null = null
    req.on('error', (err: NodeJS.ErrnoException) => {
      // Rspamd 3.4's controller answers 204 ("not learned") with a body, which HTTP forbids; Node's
      // parser has the whole answer by then and fails on the extra bytes. The status is the answer.
      if (status === 204 && err.code === 'HPE_CLOSED_CONNECTION') resolve({ status, body: Buffer.alloc(0) })
      else if (signal.aborted) reject(aborted(url, signal))
      else if (!answered && req.reusedSocket && STALE_SOCKET_CODES.has(err.code ?? '')) {
        reject(new StaleSocket(err.message))
      } else reject(unreachable(url, err))
    })
    req.once('response', (res) => {
      answered = true
      status = res.statusCode ?? 0
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_ANSWER_BYTES) {
          req.destroy()
          reject(new RspamdError('protocol', `${url} answered more than ${MAX_ANSWER_BYTES} bytes: not Rspamd`))
        } else chunks.push(chunk)
      })
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
      // A connection cut mid-answer: the daemon died while writing it.
      res.once('close', () => {
        if (res.complete) return
        const cut = Object.assign(new Error('answer cut short'), { code: 'ECONNRESET' })
        reject(signal.aborted ? aborted(url, signal) : unreachable(url, cut))
      })
      res.on('error', (err: NodeJS.ErrnoException) =>
        reject(signal.aborted ? aborted(url, signal) : unreachable(url, err)),
      )
    })
    req.end(options.body)
  })
}

function aborted(url: string, signal: AbortSignal): RspamdError {
  const reason = signal.reason instanceof Error ? signal.reason.message : 'aborted'
  return new RspamdError('aborted', `no answer from Rspamd at ${origin(url)} in time (${reason})`, {
    cause: signal.reason,
  })
}

function unreachable(url: string, err: NodeJS.ErrnoException): RspamdError {
  const at = origin(url)
  if (err.code === 'ECONNREFUSED') {
    return new RspamdError('unavailable', `Rspamd is not running at ${at} (connection refused)`, { cause: err })
  }
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || /socket hang up/i.test(err.message)) {
    return new RspamdError(
      'unavailable',
      `Rspamd at ${at} closed the connection before answering; it may have stopped`,
      {
        cause: err,
      },
    )
  }
  const kind = err.code && UNREACHABLE.has(err.code) ? 'unavailable' : 'protocol'
  return new RspamdError(kind, `Rspamd at ${at} could not be reached: ${err.code ?? err.message}`, { cause: err })
}

function origin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}
