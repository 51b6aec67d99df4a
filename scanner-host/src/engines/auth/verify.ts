/** checkSender: Moat's own SPF, DKIM, DMARC and ARC check with mailauth, for messages no trusted server vouched for. */
import { arc, dkimVerify, spf, type ARCData, type DKIMResult, type DNSResolver, type SPFResult } from 'mailauth'
import type { ParsedMessage } from '../../message/parsed-message.ts'
import { arcVouch, hasArcChain } from './arc.ts'
import type { DnsTrace } from './bounded-resolver.ts'
import type { AuthConfig } from './config.ts'
import type { DnsResolver } from './dns.ts'
import { evaluateDmarc, lookupDmarcRecord } from './dmarc.ts'
import type { ArcVouch, DkimCheck, DmarcCheck, SpfCheck, SpfResult } from './outcome.ts'
import { borderHop, deliveryTime, envelopeSender } from './received.ts'

export interface SenderCheck {
  spf: SpfCheck | null
  spfMissing: string | null
  dkim: DkimCheck[]
  dmarc: DmarcCheck
  arc: ArcVouch | null
}

/**
 * DKIM over the raw bytes (RFC 6376 s6), SPF for the client the border Received header names
 * (RFC 7208), DMARC over both (RFC 7489), and ARC (RFC 8617) only where a trusted sealer could
 * change the outcome.
 */
export async function checkSender(
  message: ParsedMessage,
  fromDomain: string,
  config: AuthConfig,
  resolve: DnsResolver,
  trace: DnsTrace,
): Promise<SenderCheck> {
  const resolver = resolve as DNSResolver
  const useArc = config.checkArc && config.trustedArcSealers.length > 0 && hasArcChain(message.headers)
  const hop = borderHop(message.headers, config.receivedBy)

  let dkim: DkimCheck[] = []
  let arcData: ARCData | null = null
  if (config.checkDkim || useArc) {
    const verified = await dkimVerify(message.raw, {
      resolver,
      minBitLength: config.minRsaBits,
      // Moat may scan long after delivery: x= expiry is judged when the message arrived.
      curTime: hop?.date ?? deliveryTime(message.headers) ?? new Date(),
    })
    if (config.checkDkim) dkim = verified.results.filter((r) => r.signingDomain).map((r) => dkimCheck(r, trace))
    arcData = (verified.arc as ARCData | undefined) ?? null
  }

  let spfCheck: SpfCheck | null = null
  let spfMissing: string | null = null
  const sender = envelopeSender(message.headers, hop)
  if (!config.checkSpf) spfMissing = 'SPF checks are switched off'
  else if (config.receivedBy.length === 0) spfMissing = 'no receiving server is configured (receivedBy)'
  else if (!hop?.ip) spfMissing = 'no Received header of your receiving servers names a public client address'
  else if (!sender && !hop.helo) spfMissing = 'neither the envelope sender nor the HELO name is known'
  else {
    const helo = hop.helo && /^[\d.]+$|:/.test(hop.helo) ? `[${hop.helo.replace(/^\[|\]$/g, '')}]` : hop.helo
    const checked = await spf({
      ip: hop.ip,
      helo: helo ?? undefined,
      sender: sender || undefined,
      mta: 'moat',
      resolver,
    })
    spfCheck = toSpfCheck(checked, hop.ip, hop.helo)
  }

  const record = await lookupDmarcRecord(fromDomain, resolve)
  const dmarc = evaluateDmarc(fromDomain, spfCheck, dkim, record)

  let vouch: ArcVouch | null = null
  if (useArc && arcData?.chain && dmarc.alignedBy === null) {
    const chain = await arc(arcData, { resolver, minBitLength: config.minRsaBits })
    if (chain.status.result === 'pass') vouch = arcVouch(message.headers, config.trustedArcSealers, fromDomain)
  }
  return { spf: spfCheck, spfMissing, dkim, dmarc, arc: vouch }
}

/**
 * mailauth reports most broken signatures as `neutral` with a comment; RFC 6376 s6.1 calls them
 * PERMFAIL, so they are failures here, in words a mailbox owner understands.
 */
function dkimCheck(r: DKIMResult, trace: DnsTrace): DkimCheck {
  const base = { domain: r.signingDomain.toLowerCase(), selector: r.selector ?? '' }
  const keyName = `${base.selector}._domainkey.${base.domain}`.toLowerCase()
  const comment = r.status.comment ?? ''
  if (trace.skippedKeys.has(keyName)) {
    return { ...base, result: 'fail', reason: 'not verified: the message carries too many signatures' }
  }
  switch (r.status.result) {
    case 'pass':
      // l= lets anyone append text after the signed part (RFC 6376 s8.2).
      if (r.status.underSized) {
        return { ...base, result: 'fail', reason: 'it covers only part of the message, and text was added after it' }
      }
      return { ...base, result: 'pass', reason: null }
    case 'temperror':
    case 'temperr':
      return { ...base, result: 'temperror', reason: comment || 'DNS did not answer' }
    case 'policy':
      return { ...base, result: 'fail', reason: 'its key is too short to be trusted' }
    case 'fail':
      return { ...base, result: 'fail', reason: 'the signature does not match the message' }
    default:
      return { ...base, result: 'fail', reason: DKIM_REASONS[comment] ?? (comment || 'it could not be verified') }
  }
}

const DKIM_REASONS: Record<string, string> = {
  'body hash did not verify': 'the message was changed after it was signed',
  'no key': 'the signing domain publishes no key for it',
  'unknown key version': 'its key record is not valid',
  'unknown key type': 'its key record is not valid',
  'invalid public key': 'its key record is not valid',
  expired: 'it has expired',
  'invalid expiration': 'its expiry date is not valid',
  'bad signature': 'the signature does not match the message',
}

const SPF_RESULTS = new Set<string>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'])

/** mailauth's other spellings (`temperr`) and anything unexpected count as a temporary error, never as a result. */
function toSpfCheck(r: SPFResult, clientIp: string, helo: string | null): SpfCheck {
  const raw: string = r.status.result
  const result = SPF_RESULTS.has(raw) ? (raw as SpfResult) : 'temperror'
  return { result, domain: r.domain.toLowerCase(), clientIp, helo }
}
