/** Authentication-Results from the organization's own servers (RFC 8601 s5): SPF, DKIM, DMARC and ARC as they reported them. */
import type { HeaderField } from '../../message/parsed-message.ts'
import { type MethodResult, parseAuthenticationResults } from './authentication-results.ts'
import type { DkimCheck, DmarcCheck, DmarcPolicy, SpfCheck, SpfResult } from './outcome.ts'

/** Authentication-Results headers read; a message gathers one per receiving server. */
const MAX_HEADERS = 50

export interface TrustedResults {
  /** The trusted authserv-ids whose headers were used, in header order. */
  authservIds: string[]
  spf: SpfCheck | null
  dkim: DkimCheck[]
  /** The DMARC result as reported, when reported for this From domain. */
  dmarc: DmarcCheck | null
  /** True when the server reported `arc=pass`. */
  arcPass: boolean
}

/**
 * The results that servers with a trusted authserv-id wrote, or null when none did. Servers add
 * their header on top, so for each method the topmost report wins; several headers with one id
 * are normal where separate filters report SPF, DKIM and DMARC (OpenDKIM, OpenDMARC).
 */
export function trustedResults(
  headers: readonly HeaderField[],
  trusted: readonly string[],
  fromDomain: string,
): TrustedResults | null {
  if (trusted.length === 0) return null
  const parsed = headers
    .filter((h) => h.name === 'authentication-results')
    .slice(0, MAX_HEADERS)
    .map((h) => parseAuthenticationResults(h.value))
    .filter((h) => h.authservId !== null && trusted.includes(h.authservId))
  if (parsed.length === 0) return null
  const first = (method: string): MethodResult[] => {
    for (const header of parsed) {
      const results = header.results.filter((r) => r.method === method)
      if (results.length > 0) return results
    }
    return []
  }
  const spf = first('spf')[0]
  const dmarc = first('dmarc')[0]
  return {
    authservIds: [...new Set(parsed.map((h) => h.authservId!))],
    spf: spf ? spfCheck(spf) : null,
    dkim: first('dkim').flatMap(dkimCheck),
    dmarc: dmarc ? dmarcCheck(dmarc, fromDomain) : null,
    arcPass: first('arc')[0]?.result === 'pass',
  }
}

const SPF_RESULTS = new Set<string>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'])

function spfCheck(r: MethodResult): SpfCheck | null {
  const identity = r.props['smtp.mailfrom'] || r.props['smtp.helo'] || ''
  const domain = identity.slice(identity.lastIndexOf('@') + 1).toLowerCase()
  if (!domain) return null
  // `hardfail` and `temperr` are older spellings still seen in the wild.
  const spelled = r.result === 'hardfail' ? 'fail' : r.result === 'temperr' ? 'temperror' : r.result
  return {
    result: SPF_RESULTS.has(spelled) ? (spelled as SpfResult) : 'neutral',
    domain,
    clientIp: r.props['smtp.remote-ip'] ?? null,
    helo: r.props['smtp.helo'] ?? null,
  }
}

/** `dkim=none` is no signature; every other result but pass and temperror is a signature that does not verify. */
function dkimCheck(r: MethodResult): DkimCheck[] {
  const identity = r.props['header.d'] || r.props['header.i'] || ''
  const domain = identity.slice(identity.lastIndexOf('@') + 1).toLowerCase()
  if (r.result === 'none' || !domain) return []
  const result = r.result === 'pass' ? 'pass' : r.result === 'temperror' ? 'temperror' : 'fail'
  return [
    {
      domain,
      selector: r.props['header.s'] ?? '',
      result,
      reason: result === 'fail' ? (r.reason ?? (r.comment || r.result)) : null,
    },
  ]
}

/**
 * A DMARC result counts only for the From domain Moat sees: a server that read another From
 * (a message with two) reported on someone else. The policy is read where servers put it:
 * `policy.dmarc` (RFC 7489 s11.2), `policy.published-domain-policy`, Gmail's `(p=REJECT ...)`
 * comment, or Microsoft's `action=`.
 */
function dmarcCheck(r: MethodResult, fromDomain: string): DmarcCheck | null {
  const headerFrom = r.props['header.from']?.toLowerCase()
  if (headerFrom !== undefined && headerFrom.slice(headerFrom.lastIndexOf('@') + 1) !== fromDomain) return null
  const result =
    r.result === 'pass'
      ? 'pass'
      : r.result === 'fail'
        ? 'fail'
        : r.result === 'temperror'
          ? 'temperror'
          : // permerror: the record is broken, so there is no policy (RFC 7489 s6.6.3).
            'none'
  return { result, policy: policyOf(r), alignedBy: result === 'pass' ? 'dmarc' : null, alignedDomain: null }
}

function policyOf(r: MethodResult): DmarcPolicy | null {
  const stated = r.props['policy.dmarc'] ?? r.props['policy.published-domain-policy'] ?? r.props['action']
  const text = stated ?? /\bp=(\w+)/i.exec(r.comment)?.[1] ?? ''
  const lower = text.toLowerCase()
  if (lower.includes('reject')) return 'reject'
  if (lower.includes('quarantine')) return 'quarantine'
  if (lower.includes('none')) return 'none'
  return null
}
