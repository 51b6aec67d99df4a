/** Internationalised domain names: punycode (RFC 3492) labels and their Unicode form (UTS #46 / IDNA). */
import { domainToASCII, domainToUnicode } from 'node:url'

const NON_ASCII = /[\u0080-\uffff]/

/** True when any label is an A-label (`xn--`, RFC 5890 s2.3.2.1), i.e. the name is really Unicode. */
export function isPunycode(host: string): boolean {
  return host.startsWith('xn--') || host.includes('.xn--')
}

export function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text)
}

/** Unicode form of a host for display and confusable checks; the input itself when it is not valid IDNA. */
export function toUnicode(host: string): string {
  if (!isPunycode(host)) return host
  try {
    return domainToUnicode(host) || host
  } catch {
    return host
  }
}

/**
 * ASCII (punycode) form, mapped as browsers do (UTS #46: case folding, full-width to ASCII), or
 * null when the name is not a valid IDN. ASCII input is only lower-cased.
 */
export function toAscii(host: string): string | null {
  if (!hasNonAscii(host)) return host.toLowerCase()
  try {
    return domainToASCII(host) || null
  } catch {
    return null
  }
}
