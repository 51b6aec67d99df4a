/** IMPERSONATION_LOOKALIKE_DOMAIN: the From or Reply-To domain imitates a protected domain. */
import type { Finding } from '@moat/contract'
import { isPunycode, toUnicode } from '../../domains/idn.ts'
import { LOOKALIKE_HOW, type ProtectedDomains, imitatedName, lookalikeSeverity } from '../../domains/lookalike.ts'
import type { HostCache } from '../../domains/registered-domain.ts'
import { mixedScriptLabels } from '../../domains/scripts.ts'
import type { ParsedMessage } from '../../message/parsed-message.ts'
import { domainOf } from './sender.ts'

type Header = 'From' | 'Reply-To'

/**
 * The first imitating domain, From before Reply-To. A domain that mixes alphabets in one label
 * (UTS #39) is reported too, at lower severity, even when no protected name is matched: no real
 * organization mixes Cyrillic and Latin letters in one word of its name.
 */
export function lookalikeSender(
  message: ParsedMessage,
  protectedList: ProtectedDomains,
  cache: HostCache,
): Finding | null {
  const candidates: { header: Header; address: string }[] = []
  if (message.from) candidates.push({ header: 'From', address: message.from.address })
  for (const r of message.replyTo.slice(0, 10)) candidates.push({ header: 'Reply-To', address: r.address })

  let mixedOnly: Finding | null = null
  for (const { header, address } of candidates) {
    const d = domainOf(address, cache)
    if (!d) continue
    const unicode = toUnicode(d.domain)
    const mixed = mixedScriptLabels(d.domain)
    const evidence = {
      header,
      address,
      domain: d.domain,
      unicode,
      punycode: isPunycode(d.domain),
      mixedScripts: mixed.length > 0,
      scripts: [...new Set(mixed.flatMap((m) => m.scripts))],
    }
    const shown = unicode === d.domain ? d.domain : `${unicode} (${d.domain})`
    const whose = header === 'From' ? "The sender's domain" : 'The reply address domain'
    const lookalike = protectedList.match(d.domain, cache)
    if (lookalike) {
      return {
        code: 'IMPERSONATION_LOOKALIKE_DOMAIN',
        // A brand used as a word of the domain (a school in Apple Valley) is high only with a lure word.
        severity: lookalikeSeverity(d.domain, lookalike),
        text: `${whose} ${shown} imitates ${imitatedName(lookalike)}: ${LOOKALIKE_HOW[lookalike.kind]}.`.slice(0, 500),
        evidence: { ...evidence, imitates: lookalike.protectedDomain, how: lookalike.kind },
      }
    }
    if (mixed.length > 0 && !mixedOnly) {
      mixedOnly = {
        code: 'IMPERSONATION_LOOKALIKE_DOMAIN',
        severity: 'medium',
        text: `${whose} ${shown} mixes letters from different alphabets (${evidence.scripts.join(' and ')}), a common way to fake a familiar name.`.slice(
          0,
          500,
        ),
        evidence,
      }
    }
  }
  return mixedOnly
}
