import { describe, expect, it } from 'vitest'
import { clientHop, parseClientHop } from './received.ts'
import { isPublicAddress } from '../../message/public-address.ts'

describe('parseClientHop', () => {
  it('reads Postfix and Gmail: from helo (rdns [ip])', () => {
    expect(
      parseClientHop(
        'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id x; Mon, 1 Jan 2024 00:00:00 +0000',
      ),
    ).toEqual({
      ip: '209.85.220.41',
      hostname: 'mail-sor-f41.google.com',
      helo: 'mail-sor-f41.google.com',
      by: 'mx.google.com',
    })
  })

  it('reads no reverse DNS name from Postfix `unknown` and Sendmail `([ip])`', () => {
    expect(parseClientHop('from bot.example (unknown [203.0.113.7]) by mx.example.com (Postfix)')).toMatchObject({
      ip: '203.0.113.7',
      hostname: null,
      helo: 'bot.example',
    })
    expect(parseClientHop('from xent.com ([64.161.22.236]) by dogma.slashnull.org (8.11.6/8.11.6)')).toMatchObject({
      ip: '64.161.22.236',
      hostname: null,
      helo: 'xent.com',
      by: 'dogma.slashnull.org',
    })
  })

  it('drops the ident user Sendmail puts before the host name', () => {
    expect(
      parseClientHop('from lugh.tuatha.org (root@lugh.tuatha.org [194.125.145.45]) by dogma.slashnull.org'),
    ).toMatchObject({
      hostname: 'lugh.tuatha.org',
    })
  })

  it('reads Exim, with and without a reverse DNS name', () => {
    expect(
      parseClientHop('from mail.sender.example ([198.51.100.4] helo=smtp.sender.example) by mx.example.com with esmtp'),
    ).toMatchObject({
      ip: '198.51.100.4',
      hostname: 'mail.sender.example',
      helo: 'smtp.sender.example',
    })
    expect(parseClientHop('from [198.51.100.4] (helo=smtp.sender.example) by mx.example.com with esmtp')).toMatchObject(
      {
        ip: '198.51.100.4',
        hostname: null,
        helo: 'smtp.sender.example',
      },
    )
  })

  it('reads Microsoft 365, which records no reverse DNS name, and IPv6', () => {
    expect(
      parseClientHop(
        'from mail.sender.example (2001:db8::25) by DB5EUR03FT.mail.protection.outlook.com (10.152.20.80) with Microsoft SMTP Server',
      ),
    ).toEqual({
      ip: '2001:db8::25',
      hostname: null,
      helo: 'mail.sender.example',
      by: 'db5eur03ft.mail.protection.outlook.com',
    })
    expect(parseClientHop('from a.example (a.example [IPv6:2001:db8::1]) by b.example')).toMatchObject({
      ip: '2001:db8::1',
    })
  })

  it('finds no client in headers without one', () => {
    expect(parseClientHop('by 2002:a05:6a10:1234 with SMTP id abc; Mon, 1 Jan 2024 00:00:00 +0000')).toBeNull()
    expect(parseClientHop('from jalapeno [127.0.0.1] by localhost with IMAP (fetchmail-5.9.0)')).toBeNull()
    expect(parseClientHop('from helo (not an address)')).toBeNull()
  })
})

describe('clientHop', () => {
  const internal = 'from relay.corp (relay.corp [10.1.2.3]) by store.corp.example (Postfix)'
  const border = 'from mail.sender.example (mail.sender.example [198.51.100.4]) by mx.corp.example (Postfix)'
  const senderSide = 'from laptop (dsl.isp.example [203.0.113.9]) by mail.sender.example (Postfix)'

  it('skips the organization’s own relays at private addresses and takes the topmost public client', () => {
    expect(clientHop([internal, border, senderSide], [])?.ip).toBe('198.51.100.4')
  })

  it('with receivedBy, takes only a hop the organization’s servers wrote', () => {
    const providerInside = 'from inside.provider.example (inside.provider.example [192.0.2.1]) by hub.provider.example'
    expect(clientHop([providerInside, border, senderSide], ['corp.example'])?.ip).toBe('198.51.100.4')
    expect(clientHop([senderSide], ['corp.example'])).toBeNull()
  })

  it('tells public addresses from private, shared and loopback ones', () => {
    expect(isPublicAddress('198.51.100.4')).toBe(true)
    expect(isPublicAddress('2001:db8::1')).toBe(true)
    for (const ip of [
      '10.0.0.1',
      '172.16.5.5',
      '192.168.1.1',
      '127.0.0.1',
      '100.64.0.1',
      '::1',
      'fd00::1',
      '::ffff:10.0.0.1',
    ]) {
      expect(isPublicAddress(ip)).toBe(false)
    }
  })
})
