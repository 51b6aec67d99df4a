/** authorDomain: the one From domain DMARC authenticates (RFC 7489 s3.1, s6.6.1), or why there is none. */
import { toAscii } from '../../domains/idn.ts'
import { normaliseHost } from '../../domains/registered-domain.ts'
import type { ParsedMessage } from '../../message/parsed-message.ts'

export type Author =
  | { ok: true; address: string; domain: string }
  | { ok: false; problem: 'missing' | 'multiple' | 'invalid'; shown: string }

const DOMAIN = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/

/**
 * Exactly one From field with exactly one address: with two From fields, the server may have
 * authenticated one while the reader sees the other, so neither is vouched for (RFC 7489 s6.6.1).
 */
export function authorDomain(message: ParsedMessage): Author {
  const fields = message.headers.filter((h) => h.name === 'from')
  const shown = fields
    .map((f) => f.value)
    .join(', ')
    .slice(0, 200)
  const addresses = message.fromAll.filter((a) => a.address !== '')
  if (fields.length === 0 || addresses.length === 0) return { ok: false, problem: 'missing', shown }
  if (fields.length > 1 || message.fromAll.length > 1) return { ok: false, problem: 'multiple', shown }
  const address = addresses[0]!.address
  const at = address.lastIndexOf('@')
  const domain = at > 0 ? toAscii(normaliseHost(address.slice(at + 1))) : null
  if (!domain || !DOMAIN.test(domain)) return { ok: false, problem: 'invalid', shown }
  return { ok: true, address, domain }
}
