/** messageIdentity: the parts of a parsed message that identify it in verdicts and records. */
import type { MessageIdentity } from '@moat/contract'
import type { MailAddress, ParsedMessage } from './parsed-message.ts'

export function messageIdentity(message: ParsedMessage): MessageIdentity {
  return {
    messageId: message.messageId,
    sha256: message.sha256,
    size: message.raw.length,
    from: message.from ? formatAddress(message.from) : null,
    to: message.to.map(formatAddress),
    subject: message.subject,
    date: message.date ? message.date.toISOString() : null,
  }
}

/** `"Jane Doe" <jane@example.com>` as people read it: `Jane Doe <jane@example.com>`. */
export function formatAddress(address: MailAddress): string {
  if (!address.name) return address.address
  if (!address.address) return address.name
  return `${address.name} <${address.address}>`
}
