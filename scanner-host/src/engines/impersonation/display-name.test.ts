import { describe, expect, it } from 'vitest'
import { HostCache } from '../../domains/registered-domain.ts'
import { domainsInDisplayName } from './display-name.ts'

describe('domainsInDisplayName', () => {
  const cache = new HostCache()
  const sites = (name: string) => domainsInDisplayName(name, cache).map((d) => d.site)

  it('finds addresses, domains and URLs written in a display name', () => {
    expect(sites('ceo@MyCompany.com')).toEqual(['mycompany.com'])
    expect(sites('PayPal.com Support')).toEqual(['paypal.com'])
    expect(sites('Billing (https://billing.example.co.uk/portal)')).toEqual(['example.co.uk'])
  })

  it('ignores initials, versions and names without a real suffix', () => {
    expect(sites('J.R.R. Tolkien')).toEqual([])
    expect(sites('Release v2.1.')).toEqual([])
    expect(sites('Support')).toEqual([])
    expect(sites('Dr. Smith')).toEqual([])
    expect(sites('Craig R.Hughes')).toEqual([])
    expect(sites('Ann Lee Photography.Studio')).toEqual([])
  })

  it('cuts absurdly long names', () => {
    expect(sites(`${'a '.repeat(200_000)} evil.com`)).toEqual([])
  })
})
