/** IMPERSONATION_REPLY_TO_MISMATCH: replies would go to another site than the one the mail comes from. */
import type { Finding, Severity } from '@moat/contract'
import type { HostCache } from '../../domains/registered-domain.ts'
import { type ParsedMessage, headerValue } from '../../message/parsed-message.ts'
import type { Organization } from '../../policy/organization.ts'
import { domainOf, isInside } from './sender.ts'

/** List header fields: RFC 2369 (List-Post, List-Unsubscribe, List-Help), RFC 2919 List-Id, and Mailing-List. */
const LIST_FIELDS = ['list-id', 'list-post', 'list-unsubscribe', 'list-help', 'mailing-list']

/** The list header values, lower case and joined; '' when the message did not come through a list. */
function listHeaders(message: ParsedMessage): string {
  return LIST_FIELDS.map((name) => headerValue(message, name) ?? '')
    .join(' ')
    .trim()
    .toLowerCase()
}

/**
 * Compared by registered domain, so news.example.com and example.com agree. Replies that stay
 * inside the organization are harmless and skipped. A free-mail Reply-To behind a company From is
 * the usual business-email-compromise setup and weighs more. A Reply-To naming the list the message
 * came through is skipped; other Reply-Tos on list mail weigh less.
 */
export function replyToMismatch(
  message: ParsedMessage,
  organization: Organization,
  freeMail: ReadonlySet<string>,
  cache: HostCache,
): Finding | null {
  const from = message.from && domainOf(message.from.address, cache)
  if (!from) return null
  const list = listHeaders(message)
  const others = message.replyTo.flatMap((r) => {
    const d = domainOf(r.address, cache)
    if (!d || d.site === from.site || isInside(d, organization)) return []
    // Replies to the list itself are how discussion lists work (RFC 2369 List-Post names it).
    return list.includes(d.site) ? [] : [{ address: r.address, ...d }]
  })
  const first = others[0]
  if (!first) return null
  const isFreeMail = freeMail.has(first.site)
  const mailingList = list !== ''
  let severity: Severity = 'medium'
  if (isFreeMail && !freeMail.has(from.site)) severity = 'high'
  else if (mailingList) severity = 'low'
  const where = isFreeMail ? `the free-mail address ${first.address}` : first.address
  return {
    code: 'IMPERSONATION_REPLY_TO_MISMATCH',
    severity,
    text: `Replies would go to ${where}, not to the sender's domain ${from.site}.`.slice(0, 500),
    evidence: {
      replyTo: others.slice(0, 5).map((o) => o.address),
      replyToDomain: first.site,
      fromDomain: from.site,
      freeMail: isFreeMail,
      mailingList,
    },
  }
}
