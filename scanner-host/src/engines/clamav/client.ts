/**
 * clamd client: one connection per command, in the NUL-delimited `z` form of the clamd protocol
 * (clamd(8), "COMMANDS": "It's recommended to prefix clamd commands with the letter z").
 */
import { connect, type Socket } from 'node:net'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { connectOptions, formatClamdAddress, type ClamdAddress } from './address.ts'

/** A real reply to PING, VERSION or INSTREAM is one short line; anything longer is not clamd. */
export const MAX_REPLY_BYTES = 16 * 1024

export type ClamdErrorKind =
  /** The daemon could not be reached or dropped the connection: nothing was learnt about the data. */
  | 'unavailable'
  /** The daemon answered something that is not a clamd reply. */
  | 'protocol'
  /** The caller's signal fired (the engine's deadline, or the engine closing). */
  | 'aborted'

export class ClamdError extends Error {
  readonly kind: ClamdErrorKind
  constructor(kind: ClamdErrorKind, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ClamdError'
    this.kind = kind
  }
}

export interface RequestOptions {
  /** Destroys the connection when it fires; the promise then rejects with kind `aborted`. */
  signal?: AbortSignal
  maxReplyBytes?: number
}

export interface InstreamOptions extends RequestOptions {
  /** Bytes per INSTREAM chunk. */
  chunkBytes: number
}

/**
 * PING (answer `PONG`) or VERSION; resolves with the reply, without its NUL. (STATS reports
 * threads and memory but, like VERSION, no signature count, so it is not used.)
 */
export function clamdCommand(
  address: ClamdAddress,
  command: 'PING' | 'VERSION',
  options: RequestOptions = {},
): Promise<string> {
  return exchange(address, options, (socket) => {
    socket.write(`z${command}\0`)
    return Promise.resolve()
  })
}

/**
 * INSTREAM (clamd(8)): "The format of the chunk is: '<length><data>' where <length> is the size of
 * the following data in bytes expressed as a 4 byte unsigned integer in network byte order ...
 * The stream is terminated by sending a zero-length chunk." Resolves with the reply, e.g.
 * `stream: OK`, `stream: Eicar-Test-Signature FOUND`, `INSTREAM size limit exceeded. ERROR`.
 */
export function clamdInstream(address: ClamdAddress, data: Buffer, options: InstreamOptions): Promise<string> {
  return exchange(address, options, (socket) => sendStream(socket, data, options.chunkBytes), STREAM_CUT_HINT)
}

/**
 * clamd answers a stream above its StreamMaxLength and closes at once; when the close overtakes
 * the answer, a broken connection is all that is seen.
 */
const STREAM_CUT_HINT =
  'before the whole stream was sent: it stopped, or its StreamMaxLength is smaller than the stream'

async function sendStream(socket: Socket, data: Buffer, chunkBytes: number): Promise<void> {
  if (data.length <= chunkBytes) {
    // Most parts fit one chunk: command, chunk and terminator leave in one writev instead of four
    // writes (a system call each, on every message). Same bytes; clamd cannot close before the end
    // of a stream this small, so nothing is written after an early reply.
    socket.cork()
    socket.write('zINSTREAM\0')
    if (data.length > 0) {
      socket.write(chunkHead(data.length))
      socket.write(data)
    }
    socket.write(Buffer.alloc(4))
    socket.uncork()
    return
  }
  socket.write('zINSTREAM\0')
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    // clamd may answer and close before the end (size limit): stop sending, the reply is read elsewhere.
    if (!socket.writable) return
    const chunk = data.subarray(offset, offset + chunkBytes)
    socket.write(chunkHead(chunk.length))
    // Waiting for the buffer to drain keeps at most about one chunk in memory per stream.
    if (!socket.write(chunk)) await drained(socket)
    // One turn of the event loop per chunk lets an early reply be read before the next write: a
    // write to a socket clamd has closed fails, and Node then drops the reply still unread.
    else await nextTurn()
  }
  if (socket.writable) socket.write(Buffer.alloc(4))
}

/** INSTREAM's chunk length: 4 bytes, network byte order. */
function chunkHead(length: number): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt32BE(length)
  return head
}

function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done)
      socket.off('close', done)
      resolve()
    }
    socket.once('drain', done)
    socket.once('close', done)
  })
}

/** Connects, lets `send` write the request, and reads the reply up to its NUL terminator. */
function exchange(
  address: ClamdAddress,
  options: RequestOptions,
  send: (socket: Socket) => Promise<void>,
  cutHint?: string,
): Promise<string> {
  const where = formatClamdAddress(address)
  const maxReply = options.maxReplyBytes ?? MAX_REPLY_BYTES
  const { signal } = options
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal))
      return
    }
    const socket = connect(connectOptions(address))
    const received: Buffer[] = []
    let length = 0
    let settled = false
    let sent = false
    const finish = (error: ClamdError | null, reply = '') => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      socket.destroy()
      if (error) reject(error)
      else resolve(reply)
    }
    const onAbort = () => finish(abortError(signal!))
    signal?.addEventListener('abort', onAbort, { once: true })

    socket.once('connect', () => {
      send(socket).then(
        () => (sent = true),
        (err: unknown) => finish(new ClamdError('unavailable', `sending to clamd at ${where} failed`, { cause: err })),
      )
    })
    socket.on('data', (data: Buffer) => {
      received.push(data)
      length += data.length
      const whole = received.length === 1 ? data : Buffer.concat(received, length)
      const end = whole.indexOf(0)
      if (end >= 0) finish(null, whole.subarray(0, end).toString('utf8').trim())
      else if (length > maxReply)
        finish(new ClamdError('protocol', `clamd at ${where} sent a reply longer than ${maxReply} bytes`))
    })
    // A reply that arrived in full was handled in 'data'; every ending below means there was none.
    socket.once('end', () => {
      finish(
        length === 0
          ? new ClamdError('unavailable', `clamd at ${where} closed the connection without answering`)
          : new ClamdError('protocol', `clamd at ${where} closed the connection in the middle of its reply`),
      )
    })
    socket.once('error', (err: NodeJS.ErrnoException) =>
      finish(socketError(err, address, where, sent ? undefined : cutHint)),
    )
    socket.once('close', () => finish(new ClamdError('unavailable', `the connection to clamd at ${where} closed`)))
  })
}

function abortError(signal: AbortSignal): ClamdError {
  const reason: unknown = signal.reason
  const why = reason instanceof Error ? reason.message : 'the scan was stopped'
  return new ClamdError('aborted', why, { cause: reason })
}

/** Every socket error means the daemon was not there to answer; the words say which way. */
function socketError(err: NodeJS.ErrnoException, address: ClamdAddress, where: string, cutHint?: string): ClamdError {
  const dropped = `clamd at ${where} dropped the connection${cutHint ? ` ${cutHint}` : ''}`
  const messages: Record<string, string> = {
    ECONNREFUSED: `nothing listens at ${where} (connection refused)`,
    ENOENT: `there is no socket at ${address.kind === 'unix' ? address.path : where}`,
    EACCES: `no permission to open the socket ${where}`,
    ECONNRESET: dropped,
    EPIPE: dropped,
    ETIMEDOUT: `connecting to clamd at ${where} timed out`,
  }
  const message = messages[err.code ?? ''] ?? `cannot talk to clamd at ${where}: ${err.message}`
  return new ClamdError('unavailable', message, { cause: err })
}
