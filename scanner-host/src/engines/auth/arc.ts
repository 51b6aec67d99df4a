/** ARC (RFC 8617): whether a trusted sealer vouches that the From domain passed before the message was changed. */
import type { HeaderField } from '../../message/parsed-message.ts'
import { parseArcAuthenticationResults } from './authentication-results.ts'
import { isAligned } from './dmarc.ts'
import type { ArcVouch } from './outcome.ts'

/** ARC sets read; RFC 8617 s5.1.1.1 caps a chain at 50. */
const MAX_ARC_HEADERS = 150

/** True when the message carries ARC headers at all: only then is an ARC check worth a DNS question. */
export function hasArcChain(headers: readonly HeaderField[]): boolean {
  return headers.some((h) => h.name === 'arc-seal')
}

/**
 * Call only for a chain that validated (mailauth's `arc=pass`, or a trusted server's). The newest
 * set (highest `i=`) was sealed by whoever handed the message on; when that sealer is trusted,
 * its ARC-Authentication-Results say what it saw on arrival (RFC 8617 s4.1.1, s7.2).
 */
export function arcVouch(
  headers: readonly HeaderField[],
  trustedSealers: readonly string[],
  fromDomain: string,
): ArcVouch | null {
  if (trustedSealers.length === 0) return null
  const arcHeaders = headers.filter((h) => h.name.startsWith('arc-')).slice(0, MAX_ARC_HEADERS)
  let newest: { instance: number; sealer: string } | null = null
  for (const h of arcHeaders) {
    if (h.name !== 'arc-seal') continue
    const tags = tagList(h.value)
    const instance = Number(tags.get('i'))
    const sealer = tags.get('d')?.toLowerCase()
    if (Number.isInteger(instance) && sealer && (!newest || instance > newest.instance)) newest = { instance, sealer }
  }
  if (!newest) return null
  const { instance, sealer } = newest
  if (!trustedSealers.some((t) => sealer === t || sealer.endsWith('.' + t))) return null
  const report = arcHeaders
    .filter((h) => h.name === 'arc-authentication-results')
    .map((h) => parseArcAuthenticationResults(h.value))
    .find((r) => r.instance === instance)
  if (!report) return null
  const passed = (method: string) => report.results.filter((r) => r.method === method && r.result === 'pass')
  const sameDomain = (identity: string | undefined) => identity?.toLowerCase().split('@').pop() === fromDomain
  const aligned = (identity: string | undefined) =>
    identity !== undefined && isAligned(identity.split('@').pop()!, fromDomain, false)
  if (passed('dmarc').some((r) => sameDomain(r.props['header.from']))) return { sealer, instance, alignedBy: 'dmarc' }
  if (passed('dkim').some((r) => aligned(r.props['header.d'] ?? r.props['header.i']))) {
    return { sealer, instance, alignedBy: 'dkim' }
  }
  if (passed('spf').some((r) => aligned(r.props['smtp.mailfrom']))) return { sealer, instance, alignedBy: 'spf' }
  return null
}

/** `tag=value; tag=value` of ARC-Seal (RFC 8617 s4.1.3, the DKIM tag syntax of RFC 6376 s3.2). */
function tagList(value: string): Map<string, string> {
  const tags = new Map<string, string>()
  for (const part of value.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) tags.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).replace(/\s+/g, ''))
  }
  return tags
}
