import { describe, expect, it } from 'vitest'
import { parseClamdAddress } from './address.ts'
import { ClamavConfigSchema } from './config.ts'

describe('clamav config', () => {
  it('defaults to clamd on loopback TCP with Debian-sized streams', () => {
    expect(ClamavConfigSchema.parse({})).toEqual({
      address: 'tcp://127.0.0.1:3310',
      maxStreamBytes: 25 * 1024 * 1024,
      chunkBytes: 64 * 1024,
      scanAttachments: true,
      maxAttachments: 50,
      concurrency: 4,
    })
  })

  it('accepts TCP and unix socket addresses and refuses others', () => {
    expect(parseClamdAddress('tcp://127.0.0.1:3310')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 3310 })
    expect(parseClamdAddress('tcp://[::1]:3310')).toEqual({ kind: 'tcp', host: '::1', port: 3310 })
    expect(parseClamdAddress('unix:/run/clamav/clamd.ctl')).toEqual({ kind: 'unix', path: '/run/clamav/clamd.ctl' })
    expect(parseClamdAddress('unix:///run/clamd.sock')).toEqual({ kind: 'unix', path: '/run/clamd.sock' })
    for (const bad of ['127.0.0.1:3310', 'tcp://host', 'tcp://host:99999', 'unix:relative.sock', 'http://x:1']) {
      expect(ClamavConfigSchema.safeParse({ address: bad }).success, bad).toBe(false)
    }
    expect(ClamavConfigSchema.safeParse({ adress: 'tcp://127.0.0.1:1' }).success).toBe(false)
  })
})
