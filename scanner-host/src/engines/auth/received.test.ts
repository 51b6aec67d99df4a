import { describe, expect, it } from 'vitest'
import type { HeaderField } from '../../message/parsed-message.ts'
import { borderHop, deliveryTime, envelopeSender, parseReceived } from './received.ts'
import { isPublicAddress } from '../../message/public-address.ts'

const received = (...values: string[]): HeaderField[] => values.map((value) => ({ name: 'received', value }))

describe('parseReceived', () => {
  it('reads Postfix, Gmail, Exim, Microsoft 365 and qmail forms', () => {
    expect(
      parseReceived(
        'from mail.example.org (mail.example.org [192.0.2.10]) by mx.mycompany.com (Postfix) with ESMTPS id 4Xyz for <bob@mycompany.com>; Fri, 20 Nov 2026 10:00:05 +0000',
      ),
    ).toMatchObject({ helo: 'mail.example.org', ip: '192.0.2.10', by: 'mx.mycompany.com' })
    expect(
      parseReceived(
        'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id a1sor; Fri, 20 Nov 2026 02:00:05 -0800 (PST)',
      ),
    ).toMatchObject({ helo: 'mail-sor-f41.google.com', ip: '209.85.220.41', by: 'mx.google.com' })
    expect(
      parseReceived(
        'from host.example.org ([192.0.2.11] helo=claimed.example.org) by mx.mycompany.com with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <bounce@example.org>) id 1abc; Fri, 20 Nov 2026 10:00:05 +0000',
      ),
    ).toMatchObject({ helo: 'claimed.example.org', ip: '192.0.2.11', envelopeFrom: 'bounce@example.org' })
    expect(
      parseReceived(
        'from mail-ej1-f41.google.com (209.85.218.41) by BN8NAM11FT055.mail.protection.outlook.com (10.13.177.62) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7452.22 via Frontend Transport; Fri, 20 Nov 2026 10:00:05 +0000',
      ),
    ).toMatchObject({ ip: '209.85.218.41', by: 'bn8nam11ft055.mail.protection.outlook.com' })
    expect(
      parseReceived(
        'from unknown (HELO mail.example.org) (192.0.2.12) by mx.mycompany.com with SMTP; 20 Nov 2026 10:00:05 -0000',
      ),
    ).toMatchObject({ helo: 'mail.example.org', ip: '192.0.2.12' })
    expect(parseReceived('from [IPv6:2001:db8::25] (unknown) by mx.mycompany.com').ip).toBe('2001:db8::25')
  })

  it('reads the date after the last semicolon outside comments', () => {
    const hop = parseReceived('from a (a [192.0.2.1] (x; y)) by b; Fri, 20 Nov 2026 10:00:05 +0000')
    expect(hop.date?.toISOString()).toBe('2026-11-20T10:00:05.000Z')
  })
})

describe('borderHop', () => {
  it('takes the topmost hop written by a receiving server for a public client', () => {
    const headers = received(
      'from mx.mycompany.com (localhost [127.0.0.1]) by store.mycompany.com (LMTP); Fri, 20 Nov 2026 10:00:07 +0000',
      'from localhost (localhost [127.0.0.1]) by mx.mycompany.com (amavis); Fri, 20 Nov 2026 10:00:06 +0000',
      'from mail.example.org (mail.example.org [192.0.2.10]) by mx1.mycompany.com; Fri, 20 Nov 2026 10:00:05 +0000',
      'from forged.example (forged.example [198.51.100.1]) by mx.mycompany.com; Fri, 20 Nov 2026 09:00:00 +0000',
    )
    expect(borderHop(headers, ['mycompany.com'])?.ip).toBe('192.0.2.10')
    expect(borderHop(headers, [])).toBeNull()
    expect(borderHop(headers, ['other.example'])).toBeNull()
  })

  it('does not match a host that only ends like a receiving server', () => {
    const headers = received('from a (a [192.0.2.10]) by evilmycompany.com; Fri, 20 Nov 2026 10:00:05 +0000')
    expect(borderHop(headers, ['mycompany.com'])).toBeNull()
  })
})

describe('envelope sender and delivery time', () => {
  it('prefers envelope-from of the hop, then the topmost Return-Path; <> is the null sender', () => {
    const headers: HeaderField[] = [
      { name: 'return-path', value: '<bounce@example.org>' },
      { name: 'return-path', value: '<forged@example.net>' },
    ]
    expect(envelopeSender(headers, null)).toBe('bounce@example.org')
    expect(envelopeSender([{ name: 'return-path', value: '<>' }], null)).toBe('')
    expect(envelopeSender([], null)).toBeNull()
  })

  it('dates delivery by the topmost Received header', () => {
    const headers = received(
      'by store (LMTP); Fri, 20 Nov 2026 10:00:07 +0000',
      'from x by y; Thu, 1 Jan 2026 00:00:00 +0000',
    )
    expect(deliveryTime(headers)?.toISOString()).toBe('2026-11-20T10:00:07.000Z')
  })

  it('tells public from internal addresses', () => {
    for (const ip of ['10.1.2.3', '127.0.0.1', '172.20.0.1', '192.168.1.1', '100.64.0.1', '::1', 'fd00::1', 'fe80::1'])
      expect(isPublicAddress(ip)).toBe(false)
    for (const ip of ['192.0.2.10', '209.85.220.41', '2001:db8::25', '::ffff:192.0.2.10'])
      expect(isPublicAddress(ip)).toBe(true)
    expect(isPublicAddress('::ffff:10.0.0.1')).toBe(false)
  })
})
