/** IP-literal hosts, including the integer forms (http://3232235777/) browsers still accept. */

const DOTTED_IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

/**
 * True for a host that a WHATWG URL parser produced from an IP literal: IPv4 is always serialised
 * dotted-decimal (decimal, hex and octal forms are converted, URL Standard s3.5), IPv6 in brackets.
 */
export function isIpHost(host: string): boolean {
  return host.startsWith('[') || DOTTED_IPV4.test(host)
}

/**
 * The host as the message writes it, before the parser normalises it: what follows `scheme://`,
 * without user info (RFC 3986 s3.2.1) and port. Lower-cased; never longer than 255 characters.
 */
export function writtenHostOf(raw: string): string {
  const start = raw.indexOf('//')
  let authority = raw.slice(start < 0 ? 0 : start + 2, (start < 0 ? 0 : start + 2) + 1024)
  const end = authority.search(/[/?#\\]/)
  if (end >= 0) authority = authority.slice(0, end)
  const at = authority.lastIndexOf('@')
  if (at >= 0) authority = authority.slice(at + 1)
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']')
    if (close >= 0) authority = authority.slice(0, close + 1)
  } else {
    const colon = authority.lastIndexOf(':')
    if (colon >= 0) authority = authority.slice(0, colon)
  }
  return authority.toLowerCase().slice(0, 255)
}
