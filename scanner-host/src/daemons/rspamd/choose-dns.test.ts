import { describe, expect, it } from 'vitest'
import { chooseDns } from './choose-dns.ts'

const never = () => Promise.reject(new Error('the probe must not run'))

describe('chooseDns', () => {
  it('uses a resolver it is given as is', async () => {
    const choice = await chooseDns('127.0.0.1:5353', never)
    expect(choice).toMatchObject({ mode: 'given', servers: ['127.0.0.1:5353'], stub: null })
  })

  it('writes a bare IPv6 resolver the way Rspamd reads it', async () => {
    expect((await chooseDns('2001:db8::53', never)).servers).toEqual(['[2001:db8::53]:53'])
  })

  it('starts the stub when asked, and the stub is what Rspamd is told to use', async () => {
    const choice = await chooseDns('stub', never)
    try {
      expect(choice.mode).toBe('stub')
      expect(choice.servers).toEqual([choice.stub!.address])
    } finally {
      await choice.stub?.close()
    }
  })

  it('uses the system resolvers when they resolve real names, else the stub', async () => {
    const working = await chooseDns(undefined, () => Promise.resolve(true))
    expect(working.mode).toBe('system')
    expect(working.stub).toBeNull()
    const broken = await chooseDns(undefined, () => Promise.resolve(false))
    try {
      expect(broken.mode).toBe('stub')
      expect(broken.why).toMatch(/did not resolve/)
    } finally {
      await broken.stub?.close()
    }
  })
})
