/** IMPERSONATION_PROTECTED_PERSON: an outsider uses the name of a protected person as display name. */
import type { Finding } from '@moat/contract'
import type { HostCache } from '../../domains/registered-domain.ts'
import type { MailAddress } from '../../message/parsed-message.ts'
import type { Organization } from '../../policy/organization.ts'
import { nameWords, namesMatch } from './person-name.ts'
import { domainOf, isInside } from './sender.ts'

/**
 * Mail from one of the person's own addresses, or from inside the organization, is not reported:
 * spoofing of internal domains is for SPF/DKIM/DMARC to judge, not the display name.
 */
export function protectedPerson(
  from: MailAddress,
  organization: Organization,
  freeMail: ReadonlySet<string>,
  cache: HostCache,
): Finding | null {
  if (!from.name || organization.protectedPeople.length === 0) return null
  const display = nameWords(from.name)
  const person = organization.protectedPeople.find((p) => namesMatch(display, nameWords(p.name)))
  if (!person) return null
  const address = from.address.toLowerCase()
  if (person.addresses.includes(address)) return null
  const sender = domainOf(address, cache)
  if (sender && isInside(sender, organization)) return null
  const isFreeMail = sender !== null && freeMail.has(sender.site)
  return {
    code: 'IMPERSONATION_PROTECTED_PERSON',
    severity: 'high',
    text: `The sender calls themselves "${from.name}", the name of ${person.name} in your organization, but writes from ${from.address || 'no address'}, which is outside it.`.slice(
      0,
      500,
    ),
    evidence: {
      displayName: from.name.slice(0, 256),
      protectedPerson: person.name,
      fromAddress: from.address,
      freeMail: isFreeMail,
    },
  }
}
