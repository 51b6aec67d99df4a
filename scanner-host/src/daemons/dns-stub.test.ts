import { promises as dns } from 'node:dns'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nxdomainReply, startDnsStub, type DnsStub } from './dns-stub.ts'

/** A query as Rspamd sends it: ID 0xbd68, RD, one question (juno.com TXT IN), an EDNS OPT record. */
const QUERY_WITH_OPT = Buffer.from('bd6801000001000000000001046a756e6f03636f6d00001000010000291000000000000000', 'hex')
const QUESTION = Buffer.from('046a756e6f03636f6d0000100001', 'hex')

describe('startDnsStub', () => {
  let stub: DnsStub
  beforeAll(async () => {
    stub = await startDnsStub()
  })
  afterAll(() => stub.close())

  it('answers every lookup "no such name" on loopback', async () => {
    expect(stub.host).toBe('127.0.0.1')
    expect(stub.address).toBe(`127.0.0.1:${stub.port}`)
    // One try with a long timeout: a lost answer would show as ETIMEOUT, not ENOTFOUND.
    const resolver = new dns.Resolver({ timeout: 5000, tries: 1 })
    resolver.setServers([stub.address])
    await expect(resolver.resolve4('example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' })
    await expect(resolver.resolveMx('example.org')).rejects.toMatchObject({ code: 'ENOTFOUND' })
    await expect(resolver.resolveTxt('_dmarc.example.net')).rejects.toMatchObject({ code: 'ENOTFOUND' })
    await expect(resolver.resolvePtr('5.113.0.203.in-addr.arpa')).rejects.toMatchObject({ code: 'ENOTFOUND' })
  })

  it('closes once, however often it is asked to', async () => {
    const other = await startDnsStub({ port: 0 })
    await Promise.all([other.close(), other.close()])
    await other.close()
  })
})

describe('nxdomainReply', () => {
  it('copies the ID and the question, sets QR, RD and RA, and answers NXDOMAIN with no records', () => {
    const reply = nxdomainReply(QUERY_WITH_OPT)!
    expect(reply.readUInt16BE(0)).toBe(0xbd68)
    expect(reply.readUInt16BE(2)).toBe(0x8183)
    expect([reply.readUInt16BE(4), reply.readUInt16BE(6), reply.readUInt16BE(8)]).toEqual([1, 0, 0])
    expect(reply.subarray(12, 12 + QUESTION.length)).toEqual(QUESTION)
  })

  it('echoes an OPT record when the query had one, which Rspamd requires of an answer', () => {
    const reply = nxdomainReply(QUERY_WITH_OPT)!
    expect(reply.readUInt16BE(10)).toBe(1)
    const opt = reply.subarray(12 + QUESTION.length)
    expect(opt[0]).toBe(0)
    expect(opt.readUInt16BE(1)).toBe(41)
    expect(opt.length).toBe(11)
  })

  it('adds no OPT record to a query without one', () => {
    const plain = Buffer.concat([Buffer.from('123401000001000000000000', 'hex'), QUESTION])
    const reply = nxdomainReply(plain)!
    expect(reply.readUInt16BE(10)).toBe(0)
    expect(reply.length).toBe(plain.length)
  })

  it('never answers answers (no loops) nor datagrams too short for a header', () => {
    const response = Buffer.from(QUERY_WITH_OPT)
    response.writeUInt16BE(0x8180, 2)
    expect(nxdomainReply(response)).toBeNull()
    expect(nxdomainReply(Buffer.from('1234', 'hex'))).toBeNull()
  })

  it('says FORMERR to a malformed question and NOTIMP to other opcodes', () => {
    const cut = QUERY_WITH_OPT.subarray(0, 16)
    expect(nxdomainReply(cut)!.readUInt16BE(2) & 0xf).toBe(1)
    expect(nxdomainReply(cut)!.length).toBe(12)
    const status = Buffer.from(QUERY_WITH_OPT)
    status.writeUInt16BE(0x1100, 2) // opcode 2 (STATUS), RD
    expect(nxdomainReply(status)!.readUInt16BE(2) & 0xf).toBe(4)
  })
})
