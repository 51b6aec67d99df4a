/** IMPERSONATION_REPLY_TO_MISMATCH: replies would go to another site than the one the mail comes from. */
import type { Finding, Severity } from '@moat/contract'
import { normaliseHost, type HostCache } from '../../domains/registered-domain.ts'
import { type ParsedMessage, headerValue } from '../../message/parsed-message.ts'
import type { Organization } from '../../policy/organization.ts'
import { type Domain, domainOf, isInside } from './sender.ts'

/** List header fields: RFC 2369 (List-Post, List-Unsubscribe, List-Help), RFC 2919 List-Id, and Mailing-List. */
const LIST_FIELDS = ['list-id', 'list-post', 'list-unsubscribe', 'list-help', 'mailing-list']
/** Header values read this far: real list headers are a line or two. */
const MAX_VALUE = 2048

/** What the list headers say about the list a message came through. */
export interface ListInfo {
  /** Any list header is present: the message came through a list or a bulk sender. */
  present: boolean
  /** Posting addresses, lower case: RFC 2369 List-Post `<mailto:...>`, and Mailing-List `list ...`. */
  postAddresses: string[]
  /** The domain of the RFC 2919 List-Id (`<label.lists.example.org>` gives lists.example.org). */
  idDomain: string | null
}

/**
 * The list headers, parsed exactly: a Reply-To is compared with the addresses they name, never
 * searched for in their text (a List-Unsubscribe `<mailto:x@gmail.com>` names no list address,
 * and `ample.com` is inside `example.com`).
 */
export function listInfo(message: ParsedMessage): ListInfo {
  const value = (name: string) => headerValue(message, name)?.slice(0, MAX_VALUE) ?? null
  const postAddresses: string[] = []
  const post = value('list-post')
  if (post !== null) {
    for (const url of bracketed(post)) {
      const address = mailtoAddress(url)
      if (address) postAddresses.push(address)
    }
  }
  // Yahoo Groups and ezmlm: "Mailing-List: list name@host; contact name-owner@host".
  for (const part of value('mailing-list')?.split(';') ?? []) {
    const m = /^\s*list\s+([^\s@]+@[^\s@]+)\s*$/i.exec(part)
    if (m) postAddresses.push(m[1]!.toLowerCase())
  }
  const id = value('list-id')
  return {
    present: LIST_FIELDS.some((name) => headerValue(message, name) !== null),
    postAddresses,
    idDomain: id === null ? null : listIdDomain(id),
  }
}

/** The `<...>` parts of a header value (RFC 2369 s2: URLs in angle brackets, comments around them). */
function bracketed(value: string): string[] {
  const out: string[] = []
  for (let open = value.indexOf('<'); open >= 0; open = value.indexOf('<', open + 1)) {
    const close = value.indexOf('>', open + 1)
    if (close < 0) break
    out.push(value.slice(open + 1, close).trim())
    open = close
  }
  return out
}

/** The single address of a `mailto:` URL (RFC 6068), lower case; null for anything else. */
function mailtoAddress(url: string): string | null {
  if (!/^mailto:/i.test(url)) return null
  let to = url.slice(7).split('?')[0]!
  try {
    to = decodeURIComponent(to)
  } catch {
    // A broken escape: compared as written, which matches no real Reply-To.
  }
  to = to.trim().toLowerCase()
  return /^[^\s@,<>]+@[^\s@,<>]+$/.test(to) ? to : null
}

/**
 * RFC 2919 s2: `List-Id: [phrase] <list-label.list-id-namespace>`, the namespace being a domain
 * the list owner controls. The first label is the list's own name; the rest is the domain. The
 * unmanaged namespace `localhost` (s3) names no domain.
 */
function listIdDomain(value: string): string | null {
  const id = bracketed(value).at(-1)
  if (!id || /[\s@]/.test(id)) return null
  const dot = id.indexOf('.')
  const domain = dot < 0 ? '' : normaliseHost(id.slice(dot + 1))
  return domain.includes('.') ? domain : null
}

/**
 * A Reply-To that names the list the message came through: how discussion lists work (RFC 2369
 * List-Post names the posting address). List headers are written by the sender, so they can only
 * explain a Reply-To, never vouch for one:
 * - the Reply-To must be the List-Post address itself, or, when there is no List-Post, at the
 *   List-Id's own domain (lists.example.org), not merely somewhere under the same site;
 * - a free-mail Reply-To is never excused: lists are not run from free-mail mailboxes, and a
 *   free-mail reply address is exactly what business-email compromise needs.
 * The List-Id rule is no weaker than the List-Post one: a sender who can write one can write the
 * other. What neither can do is make a free-mail or look-alike Reply-To pass (look-alikes are
 * reported separately by lookalike-sender.ts).
 */
function namesTheList(address: string, domain: Domain, list: ListInfo, freeMail: ReadonlySet<string>): boolean {
  if (freeMail.has(domain.site)) return false
  if (list.postAddresses.length > 0) return list.postAddresses.includes(address.toLowerCase())
  return list.idDomain !== null && domain.domain === list.idDomain
}

/**
 * Compared by registered domain, so news.example.com and example.com agree. Replies that stay
 * inside the organization are harmless and skipped. A free-mail Reply-To behind a company From is
 * the usual business-email-compromise setup and weighs more. A Reply-To naming the list the message
 * came through is skipped (see namesTheList); other Reply-Tos on list mail weigh less.
 */
export function replyToMismatch(
  message: ParsedMessage,
  organization: Organization,
  freeMail: ReadonlySet<string>,
  cache: HostCache,
): Finding | null {
  const from = message.from && domainOf(message.from.address, cache)
  if (!from) return null
  const list = listInfo(message)
  const others = message.replyTo.flatMap((r) => {
    const d = domainOf(r.address, cache)
    if (!d || d.site === from.site || isInside(d, organization)) return []
    return namesTheList(r.address, d, list, freeMail) ? [] : [{ address: r.address, ...d }]
  })
  const first = others[0]
  if (!first) return null
  const isFreeMail = freeMail.has(first.site)
  const mailingList = list.present
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
