import { describe, expect, it } from 'vitest'
import { AddressPolicy, expandIpv6 } from './address-policy.ts'

describe('AddressPolicy', () => {
  const policy = new AddressPolicy()

  it('refuses private, loopback, link-local, unique-local, this-network and multicast addresses', () => {
    const refused: [string, string][] = [
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.0.10', 'private'],
      ['100.64.0.1', 'carrier-grade NAT'],
      ['127.0.0.1', 'loopback'],
      ['127.255.0.9', 'loopback'],
      ['169.254.169.254', 'link-local'],
      ['0.0.0.0', 'this-network'],
      ['224.0.0.251', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fe80::1%eth0', 'link-local'],
      ['fd12:3456::1', 'unique-local'],
      ['ff02::1', 'multicast'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:a9fe:a9fe', 'link-local'],
      ['[::ffff:10.0.0.1]', 'private'],
    ]
    for (const [address, reason] of refused)
      expect(policy.refusal(address), address).toMatch(new RegExp(`^${reason} address`))
  })

  it('looks inside NAT64 and 6to4 addresses', () => {
    expect(policy.refusal('64:ff9b::a9fe:a9fe')).toBe('link-local address 169.254.169.254 inside 64:ff9b::a9fe:a9fe')
    expect(policy.refusal('2002:c0a8:0101::1')).toBe('private address 192.168.1.1 inside 2002:c0a8:0101::1')
    expect(policy.refusal('64:ff9b::808:808')).toBeNull()
  })

  it('lets public addresses and allowed networks through', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(policy.refusal(address), address).toBeNull()
    }
    const lab = new AddressPolicy(['127.0.0.0/8', 'fd00::/8'])
    expect(lab.refusal('127.0.0.1')).toBeNull()
    expect(lab.refusal('fd00::5')).toBeNull()
    expect(lab.refusal('10.0.0.1')).toMatch(/^private/)
    expect(policy.refusal('bit.ly')).toBe('not an IP address: bit.ly')
  })

  it('expands IPv6 text', () => {
    expect(expandIpv6('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1])
    expect(expandIpv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304])
    expect(expandIpv6('1::2::3')).toBeNull()
  })
})
