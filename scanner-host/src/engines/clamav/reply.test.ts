import { describe, expect, it } from 'vitest'
import { isSuspicionOnly, parseScanReply, parseVersion } from './reply.ts'

describe('clamd replies', () => {
  it('reads the INSTREAM answers clamd gives', () => {
    expect(parseScanReply('stream: OK')).toEqual({ kind: 'clean' })
    expect(parseScanReply('stream: Win.Test.EICAR_HDB-1 FOUND')).toEqual({
      kind: 'found',
      signature: 'Win.Test.EICAR_HDB-1',
    })
    expect(parseScanReply('INSTREAM size limit exceeded. ERROR')).toEqual({ kind: 'limit', limit: 'StreamMaxLength' })
    expect(parseScanReply('stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND')).toEqual({
      kind: 'limit',
      limit: 'MaxFileSize',
    })
    expect(parseScanReply("Can't allocate memory ERROR")).toEqual({ kind: 'error', message: "Can't allocate memory" })
    expect(parseScanReply('hello')).toMatchObject({ kind: 'error', message: expect.stringMatching(/unexpected reply/) })
  })

  it('tells heuristics and unwanted programs from malware signatures', () => {
    expect(isSuspicionOnly('Heuristics.Phishing.Email.SpoofedDomain')).toBe(true)
    expect(isSuspicionOnly('PUA.Win.Tool.Packed-1')).toBe(true)
    expect(isSuspicionOnly('Win.Trojan.Agent-123')).toBe(false)
  })

  it('reads VERSION with and without the daily database', () => {
    expect(parseVersion('ClamAV 1.4.6')).toEqual({ engine: 'ClamAV 1.4.6' })
    const full = parseVersion('ClamAV 1.4.6/27120/Fri Nov 20 12:00:00 2026')
    expect(full?.engine).toBe('ClamAV 1.4.6')
    expect(full?.database?.version).toBe(27120)
    expect(full?.database?.builtAt?.getFullYear()).toBe(2026)
    expect(parseVersion('PONG')).toBeNull()
  })
})
