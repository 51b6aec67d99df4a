/** AddressPolicy: the addresses the unshortener may connect to; never private, loopback, link-local or other non-public ranges. */
import { BlockList, isIP } from 'node:net'

/**
 * Ranges refused, with the word used in evidence (IANA special-purpose registries, RFC 6890).
 * Node's BlockList also checks IPv4-mapped IPv6 (`::ffff:127.0.0.1`) against the IPv4 ranges.
 */
const REFUSED: [reason: string, cidr: string][] = [
  ['this-network', '0.0.0.0/8'],
  ['private', '10.0.0.0/8'],
  ['carrier-grade NAT', '100.64.0.0/10'],
  ['loopback', '127.0.0.0/8'],
  ['link-local', '169.254.0.0/16'],
  ['private', '172.16.0.0/12'],
  ['reserved', '192.0.0.0/24'],
  ['documentation', '192.0.2.0/24'],
  ['private', '192.168.0.0/16'],
  ['benchmarking', '198.18.0.0/15'],
  ['documentation', '198.51.100.0/24'],
  ['documentation', '203.0.113.0/24'],
  ['multicast', '224.0.0.0/4'],
  ['reserved', '240.0.0.0/4'],
  ['unspecified', '::/128'],
  ['loopback', '::1/128'],
  // IPv4-compatible addresses (deprecated) reach IPv4 hosts through IPv6 stacks.
  ['IPv4-compatible', '::/96'],
  ['discard-only', '100::/64'],
  // Local-use NAT64 (RFC 8215) leads into the operator's own network.
  ['local-use NAT64', '64:ff9b:1::/48'],
  ['Teredo tunnel', '2001::/32'],
  ['documentation', '2001:db8::/32'],
  ['unique-local', 'fc00::/7'],
  ['link-local', 'fe80::/10'],
  ['site-local', 'fec0::/10'],
  ['multicast', 'ff00::/8'],
]

/** IPv6 prefixes that carry an IPv4 address, which is judged instead: NAT64 and 6to4. */
const EMBEDDING = [
  { prefix: '64:ff9b::', bits: 96, v4At: 96 },
  { prefix: '2002::', bits: 16, v4At: 16 },
]

export class AddressPolicy {
  readonly #refused = REFUSED.map(([reason, cidr]) => ({ reason, list: blockListOf([cidr]) }))
  readonly #embedding = EMBEDDING.map((e) => ({ ...e, list: blockListOf([`${e.prefix}/${e.bits}`]) }))
  readonly #allowed: BlockList | null

  /** `allowedNetworks`: CIDRs exempt from the refusal (tests reach a loopback stand-in this way). */
  constructor(allowedNetworks: readonly string[] = []) {
    this.#allowed = allowedNetworks.length > 0 ? blockListOf(allowedNetworks) : null
  }

  /** Why `address` may not be connected to (`link-local address 169.254.169.254`), or null when it may. */
  refusal(address: string): string | null {
    const ip = address.replace(/%.*$/, '').replace(/^\[(.*)\]$/, '$1')
    const family = isIP(ip)
    if (family === 0) return `not an IP address: ${address.slice(0, 60)}`
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (this.#allowed?.check(ip, type)) return null
    for (const { reason, list } of this.#refused) {
      if (list.check(ip, type)) return `${reason} address ${ip}`
    }
    if (type === 'ipv6') {
      for (const { list, v4At } of this.#embedding) {
        if (!list.check(ip, 'ipv6')) continue
        const inner = embeddedIpv4(ip, v4At)
        const why = inner && this.refusal(inner)
        if (why) return `${why} inside ${ip}`
      }
    }
    return null
  }
}

/** Accepts `10.0.0.0/8`, `::1/128` and bare addresses (a single host). */
export function blockListOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList()
  for (const cidr of cidrs) {
    const [address = '', bits] = cidr.split('/')
    const family = isIP(address)
    if (family === 0) throw new Error(`not a network: ${cidr}`)
    const type = family === 4 ? 'ipv4' : 'ipv6'
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits)
    list.addSubnet(address, prefix, type)
  }
  return list
}

/** The IPv4 address held in bits `at`..`at+32` of an IPv6 address. */
function embeddedIpv4(ipv6: string, at: number): string | null {
  const groups = expandIpv6(ipv6)
  if (!groups) return null
  const hi = groups[at / 16]
  const lo = groups[at / 16 + 1]
  if (hi === undefined || lo === undefined) return null
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.')
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a dotted IPv4 tail), or null. */
export function expandIpv6(ipv6: string): number[] | null {
  let text = ipv6
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return null
  const head = halves[0] ? halves[0].split(':') : []
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : []
  const missing = 8 - head.length - tail.length
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail].map((g) => parseInt(g, 16))
  return groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null
}
