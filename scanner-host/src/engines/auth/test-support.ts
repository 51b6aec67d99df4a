/** Test support for the auth engine: generated DKIM keys, signing with mailauth, and a DNS zone answered from memory. */
import { generateKeyPairSync } from 'node:crypto'
import { dkimSign, sealMessage } from 'mailauth'
import { type DnsResolver, dnsError } from './dns.ts'

export interface TestKey {
  privateKey: string
  /** The DKIM key record for DNS (RFC 6376 s3.6.1). */
  record: string
  algorithm: 'rsa-sha256' | 'ed25519-sha256'
}

export function rsaKey(bits = 2048): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits })
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=rsa; p=${p}`,
    algorithm: 'rsa-sha256',
  }
}

/** Ed25519 keys are published as the bare 32-byte key (RFC 8463 s4.2), not as SPKI. */
export function ed25519Key(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32)
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=ed25519; p=${raw.toString('base64')}`,
    algorithm: 'ed25519-sha256',
  }
}

export interface Signer {
  domain: string
  selector: string
  key: TestKey
  /** Signs only this many body bytes (`l=`). */
  maxBodyLength?: number
}

/** The message with DKIM-Signature headers prepended, as the sending server would send it. */
export async function sign(raw: Buffer, signers: Signer[]): Promise<Buffer> {
  const signatureData = signers.map((s) => ({
    signingDomain: s.domain,
    selector: s.selector,
    privateKey: s.key.privateKey,
    algorithm: s.key.algorithm,
    ...(s.maxBodyLength !== undefined ? { maxBodyLength: s.maxBodyLength } : {}),
  }))
  const result = await dkimSign(raw, { ...signatureData[0]!, signatureData })
  if (result.errors.length > 0) throw result.errors[0]
  return Buffer.concat([Buffer.from(result.signatures), raw])
}

/** The message with an ARC set prepended by `sealer`, reporting `authResults` (`authserv-id; dkim=pass ...`). */
export async function seal(raw: Buffer, sealer: Signer, authResults: string): Promise<Buffer> {
  const headers = await sealMessage(raw, {
    signingDomain: sealer.domain,
    selector: sealer.selector,
    privateKey: sealer.key.privateKey,
    algorithm: sealer.key.algorithm,
    authResults,
    cv: 'none',
  } as Parameters<typeof sealMessage>[1])
  return Buffer.concat([headers, raw])
}

/** Header lines put on top of a message, as later servers add them. */
export function prepend(raw: Buffer, ...lines: string[]): Buffer {
  return Buffer.concat([Buffer.from(lines.map((l) => l + '\r\n').join('')), raw])
}

export interface StubDns {
  resolve: DnsResolver
  /** Every question asked, as `TXT _dmarc.example.org`. */
  asked: string[]
}

/**
 * Answers from `zone`, keyed `TXT name` or `A name`; a missing key is NXDOMAIN. TXT records are
 * split into 255-byte strings as DNS carries them (RFC 7208 s3.3), so joining them is tested too.
 */
export function stubDns(zone: Record<string, string | string[]>): StubDns {
  const asked: string[] = []
  const resolve: DnsResolver = async (name, rrtype) => {
    const key = `${rrtype} ${name.toLowerCase()}`
    asked.push(key)
    const value = zone[key]
    if (value === undefined) throw dnsError('ENOTFOUND', `queryTxt ENOTFOUND ${name}`)
    const records = Array.isArray(value) ? value : [value]
    return rrtype === 'TXT' ? records.map((r) => r.match(/.{1,255}/gs) ?? ['']) : records
  }
  return { resolve, asked }
}

/** A resolver that must not be used: every question is recorded and fails. */
export function refusingDns(): StubDns {
  const asked: string[] = []
  const resolve: DnsResolver = async (name, rrtype) => {
    asked.push(`${rrtype} ${name}`)
    throw new Error(`no DNS question expected, got ${rrtype} ${name}`)
  }
  return { resolve, asked }
}

/** A resolver that never answers: only timeouts end its questions. */
export const silentDns: DnsResolver = () => new Promise(() => undefined)

/** The receiving server of the organization in the tests. */
export const MX = 'mx.mycompany.com'

/** A Received header as that server writes it for a client (Postfix style). */
export function receivedFrom(ip: string, helo = 'mail.example.org', by = MX): string {
  return `Received: from ${helo} (${helo} [${ip}]) by ${by} (Postfix) with ESMTPS id 4Xyz; Fri, 20 Nov 2026 10:00:05 +0000`
}

export interface Fixture {
  keys: { org: TestKey; ed: TestKey; net: TestKey; list: TestKey }
  /** example.org: p=reject, SPF 192.0.2.0/24 and an include; example.com: p=none, softfail; example.net signs for others. */
  zone: Record<string, string | string[]>
}

export function fixture(): Fixture {
  const keys = { org: rsaKey(), ed: ed25519Key(), net: rsaKey(), list: rsaKey() }
  return {
    keys,
    zone: {
      'TXT s1._domainkey.example.org': keys.org.record,
      'TXT ed._domainkey.example.org': keys.ed.record,
      'TXT s1._domainkey.example.net': keys.net.record,
      'TXT arc._domainkey.lists.example.net': keys.list.record,
      'TXT example.org': ['v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all', 'site-verification=abc'],
      'TXT _spf.example.net': 'v=spf1 ip4:198.51.100.0/24 -all',
      'TXT bounce.example.org': 'v=spf1 redirect=example.org',
      'TXT _dmarc.example.org': 'v=DMARC1; p=reject; rua=mailto:dmarc@example.org',
      'TXT example.com': 'v=spf1 ip4:192.0.2.0/24 ~all',
      'TXT _dmarc.example.com': 'v=DMARC1; p=none',
    },
  }
}
