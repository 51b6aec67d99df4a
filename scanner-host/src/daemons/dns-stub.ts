/** startDnsStub: a loopback DNS server that answers every query NXDOMAIN at once, for daemons on machines without DNS. */
import { createSocket, type RemoteInfo } from 'node:dgram'

export interface DnsStubOptions {
  /** Loopback by default: the stub is for daemons on this machine only. */
  host?: string
  /** 0 (the default) lets the kernel pick a free port. */
  port?: number
}

export interface DnsStub {
  host: string
  port: number
  /** `host:port`, as Rspamd's `dns.nameserver` takes it. */
  address: string
  close(): Promise<void>
}

/**
 * Rspamd waits for DNS on every message (RBLs, SPF, DKIM, URL lists); where the machine's resolver
 * never answers, each message then takes the whole task timeout. A resolver that says "no such
 * name" at once lets every check finish, with nothing listed.
 */
export async function startDnsStub(options: DnsStubOptions = {}): Promise<DnsStub> {
  const host = options.host ?? '127.0.0.1'
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4')
  socket.on('message', (query: Buffer, peer: RemoteInfo) => {
    const reply = nxdomainReply(query)
    // A lost reply only makes the client retry; nothing to do about a send error.
    if (reply) socket.send(reply, peer.port, peer.address, () => undefined)
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(options.port ?? 0, host, () => {
      socket.off('error', reject)
      resolve()
    })
  })
  // A malformed datagram cannot make the socket fail; anything else is logged by nobody, so keep serving.
  socket.on('error', () => undefined)
  const port = socket.address().port
  let closed: Promise<void> | null = null
  return {
    host,
    port,
    address: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`,
    close: () => (closed ??= new Promise((resolve) => socket.close(() => resolve()))),
  }
}

const HEADER_BYTES = 12
const QR = 0x8000
const OPCODE_MASK = 0x7800
const RD = 0x0100
const RA = 0x0080
const RCODE_FORMERR = 1
const RCODE_NXDOMAIN = 3
const RCODE_NOTIMP = 4

/**
 * The answer to one query (RFC 1035 s4.1): same ID, opcode, RD flag and question, QR and RA set,
 * no records, plus an OPT record when the query had one (RFC 6891 s7: Rspamd's resolver sends
 * one and ignores answers without it, so each lookup would wait for its timeout). Null for what
 * must not be answered: responses (a loop) and datagrams too short to carry an ID.
 */
export function nxdomainReply(query: Buffer): Buffer | null {
  if (query.length < HEADER_BYTES) return null
  const flags = query.readUInt16BE(2)
  if (flags & QR) return null
  const opcode = flags & OPCODE_MASK
  const questionEnd = opcode === 0 && query.readUInt16BE(4) === 1 ? endOfQuestion(query) : null
  const rcode = opcode !== 0 ? RCODE_NOTIMP : questionEnd === null ? RCODE_FORMERR : RCODE_NXDOMAIN
  const edns = questionEnd !== null && hasOpt(query, questionEnd)
  const end = questionEnd ?? HEADER_BYTES
  const reply = Buffer.alloc(end + (edns ? OPT_RECORD.length : 0))
  query.copy(reply, 0, 0, 2)
  reply.writeUInt16BE(QR | opcode | (flags & RD) | RA | rcode, 2)
  if (questionEnd !== null) {
    reply.writeUInt16BE(1, 4)
    query.copy(reply, HEADER_BYTES, HEADER_BYTES, questionEnd)
  }
  if (edns) {
    reply.writeUInt16BE(1, 10)
    OPT_RECORD.copy(reply, end)
  }
  return reply
}

/**
 * OPT pseudo-record (RFC 6891 s6.1.2): root name, type 41, UDP payload size 1232 (the DNS Flag Day
 * 2020 value) in the class field, extended RCODE, version and flags 0, no options.
 */
const OPT_RECORD = Buffer.from([0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0])
const TYPE_OPT = 41

/** Whether the first additional record after the question is an OPT (queries carry no answers). */
function hasOpt(query: Buffer, questionEnd: number): boolean {
  const counts = query.readUInt16BE(6) + query.readUInt16BE(8)
  return (
    counts === 0 &&
    query.readUInt16BE(10) >= 1 &&
    query.length >= questionEnd + 3 &&
    query[questionEnd] === 0 &&
    query.readUInt16BE(questionEnd + 1) === TYPE_OPT
  )
}

/** Offset just past the single question (name, type, class), or null when it is malformed. */
function endOfQuestion(query: Buffer): number | null {
  let at = HEADER_BYTES
  // A name is at most 255 bytes (RFC 1035 s3.1); queries carry no compression pointers.
  while (at < query.length && at - HEADER_BYTES <= 255) {
    const length = query[at]!
    if (length === 0) {
      const end = at + 1 + 4
      return end <= query.length ? end : null
    }
    if (length > 63) return null
    at += 1 + length
  }
  return null
}
