/** DMARC (RFC 7489): the From domain's record, identifier alignment, and the result for one message. */
import { getDomain } from 'tldts'
import type { DnsResolver } from './dns.ts'
import { isNoData } from './dns.ts'
import type { DkimCheck, DmarcCheck, DmarcPolicy, SpfCheck } from './outcome.ts'

export interface DmarcRecord {
  /** The policy for the From domain itself, or `sp` when the record is the organizational domain's. */
  policy: DmarcPolicy
  strictDkim: boolean
  strictSpf: boolean
  /** Where the record was found. */
  domain: string
}

const POLICIES = new Set<string>(['none', 'quarantine', 'reject'])

/**
 * The organizational domain (RFC 7489 s3.2), by the Public Suffix List with its private section:
 * `a.github.io` and `b.github.io` belong to different people, so they must not align.
 */
export function organizationalDomain(domain: string): string {
  return getDomain(domain, { allowPrivateDomains: true }) ?? domain
}

/** Identifier alignment (RFC 7489 s3.1): the same domain when strict, the same organizational domain when relaxed. */
export function isAligned(domain: string, fromDomain: string, strict: boolean): boolean {
  const a = domain.toLowerCase()
  const b = fromDomain.toLowerCase()
  if (a === b) return true
  return !strict && organizationalDomain(a) === organizationalDomain(b)
}

/**
 * Policy discovery (RFC 7489 s6.6.3): `_dmarc.<From domain>`, else `_dmarc.<organizational
 * domain>`, whose `sp=` then applies. No record, several records, or one without a valid `p=`
 * mean no policy. Resolves 'temperror' when DNS failed.
 */
export async function lookupDmarcRecord(
  fromDomain: string,
  resolve: DnsResolver,
): Promise<DmarcRecord | null | 'temperror'> {
  const own = await recordAt(fromDomain, resolve)
  if (own !== null) return own === 'temperror' ? own : toRecord(own, fromDomain, false)
  const org = organizationalDomain(fromDomain)
  if (org === fromDomain) return null
  const inherited = await recordAt(org, resolve)
  if (inherited === null || inherited === 'temperror') return inherited
  return toRecord(inherited, org, true)
}

async function recordAt(domain: string, resolve: DnsResolver): Promise<Map<string, string> | null | 'temperror'> {
  let answer: unknown[]
  try {
    answer = await resolve(`_dmarc.${domain}`, 'TXT')
  } catch (err) {
    return isNoData(err) ? null : 'temperror'
  }
  const records = answer
    .map((chunks) => (Array.isArray(chunks) ? chunks.join('') : String(chunks)).trim())
    .filter((text) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(text))
  if (records.length !== 1) return null
  const tags = new Map<string, string>()
  for (const tag of records[0]!.split(';')) {
    const eq = tag.indexOf('=')
    if (eq > 0) tags.set(tag.slice(0, eq).trim().toLowerCase(), tag.slice(eq + 1).trim())
  }
  return tags
}

function toRecord(tags: Map<string, string>, domain: string, inherited: boolean): DmarcRecord | null {
  const p = tags.get('p')?.toLowerCase()
  const sp = tags.get('sp')?.toLowerCase()
  let policy: DmarcPolicy
  if (p !== undefined && POLICIES.has(p)) policy = p as DmarcPolicy
  // s6.6.3 step 6: an invalid or missing p= with a report address still means p=none.
  else if (tags.has('rua')) policy = 'none'
  else return null
  if (inherited && sp !== undefined && POLICIES.has(sp)) policy = sp as DmarcPolicy
  return {
    policy,
    strictDkim: tags.get('adkim')?.toLowerCase() === 's',
    strictSpf: tags.get('aspf')?.toLowerCase() === 's',
    domain,
  }
}

/**
 * The DMARC result (RFC 7489 s6.6.2): pass when a DKIM signature or SPF passed for an aligned
 * domain. A failure is only claimed when it is shown: when SPF could not be checked, or DNS
 * failed for an aligned domain, the result is `unknown` or `temperror`, never `fail`.
 */
export function evaluateDmarc(
  fromDomain: string,
  spf: SpfCheck | null,
  dkim: readonly DkimCheck[],
  record: DmarcRecord | null | 'temperror',
): DmarcCheck {
  const found = typeof record === 'object' && record !== null ? record : null
  const policy = found?.policy ?? null
  const dkimAligned = dkim.filter((s) => isAligned(s.domain, fromDomain, found?.strictDkim ?? false))
  const spfAligned = spf !== null && isAligned(spf.domain, fromDomain, found?.strictSpf ?? false)
  const signed = dkimAligned.find((s) => s.result === 'pass')
  // Without the record its alignment mode is unknown; relaxed alignment still proves the
  // organization signed, which is what an allow entry asks.
  const result = record === 'temperror' ? 'temperror' : found ? 'pass' : 'none'
  if (signed) return { result, policy, alignedBy: 'dkim', alignedDomain: signed.domain }
  if (spfAligned && spf.result === 'pass') return { result, policy, alignedBy: 'spf', alignedDomain: spf.domain }
  const none = { policy, alignedBy: null, alignedDomain: null }
  if (record === 'temperror') return { result: 'temperror', ...none }
  if (!found) return { result: 'none', ...none }
  if (dkimAligned.some((s) => s.result === 'temperror') || (spfAligned && spf.result === 'temperror')) {
    return { result: 'temperror', ...none }
  }
  if (spf === null) return { result: 'unknown', ...none }
  return { result: 'fail', ...none }
}
