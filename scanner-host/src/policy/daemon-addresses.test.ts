import { describe, expect, it } from 'vitest'
import { daemonAddressesFromEnv, withDaemonAddresses } from './daemon-addresses.ts'
import { PolicySchema } from './policy.ts'

describe('daemon addresses from the environment', () => {
  it('reads only the variables that are set and non-empty', () => {
    expect(daemonAddressesFromEnv({ MOAT_RSPAMD_URL: 'http://127.0.0.1:1', MOAT_CLAMD_ADDRESS: '' })).toEqual({
      rspamd: { url: 'http://127.0.0.1:1' },
    })
    expect(daemonAddressesFromEnv({})).toEqual({})
  })

  it('writes them over the policy file while keeping its other settings', () => {
    const policy = PolicySchema.parse({
      engines: { rspamd: { timeoutMs: 7000, config: { url: 'http://file:1', password: 'from-file' } } },
    })
    const result = withDaemonAddresses(policy, {
      rspamd: { url: 'http://env:2' },
      clamav: { address: 'unix:/run/clamd.sock' },
    })
    expect(result.engines.rspamd).toEqual({
      enabled: true,
      timeoutMs: 7000,
      config: { url: 'http://env:2', password: 'from-file' },
    })
    expect(result.engines.clamav?.config).toEqual({ address: 'unix:/run/clamd.sock' })
    expect(policy.engines.clamav).toBeUndefined()
  })

  it('leaves an engine the policy disabled disabled', () => {
    const policy = PolicySchema.parse({ engines: { clamav: { enabled: false } } })
    expect(withDaemonAddresses(policy, { clamav: { address: 'tcp://127.0.0.1:3310' } }).engines.clamav?.enabled).toBe(
      false,
    )
  })
})

describe('DNS servers from the environment', () => {
  it('go to the sender checks and to the unshortener, keeping the unshortener’s other settings', () => {
    const addresses = daemonAddressesFromEnv({ MOAT_DNS_SERVERS: '127.0.0.1:5353, 9.9.9.9' })
    const policy = PolicySchema.parse({ engines: { 'url-feeds': { config: { unshorten: { maxHops: 2 } } } } })
    const result = withDaemonAddresses(policy, addresses)
    expect(result.engines.auth?.config).toEqual({ dnsServers: ['127.0.0.1:5353', '9.9.9.9'] })
    expect(result.engines['url-feeds']?.config).toEqual({
      unshorten: { maxHops: 2, dnsServers: ['127.0.0.1:5353', '9.9.9.9'] },
    })
  })
})
