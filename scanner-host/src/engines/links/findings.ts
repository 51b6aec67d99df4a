/** Turns link observations into findings: one per code, with a few examples and a count. */
import { FINDING_CODES, type Finding, type FindingCode, type Severity } from '@moat/contract'
import { LOOKALIKE_HOW, imitatedName, lookalikeSeverity } from '../../domains/lookalike.ts'
import { toUnicode } from '../../domains/idn.ts'
import type { Mismatch, Observations } from './checks.ts'

/** Examples listed per finding; the count says how many there were in all. */
const MAX_EXAMPLES = 5

/** Findings for everything observed, in a stable order (most telling first). */
export function findingsFrom(seen: Observations): Finding[] {
  const out: Finding[] = []
  // Links showing a protected or brand domain, or a full URL, come first: they are the reason for the finding.
  const rank = (m: Mismatch) => Number(m.shownProtected) * 2 + Number(m.shownUrl)
  const mismatch = [...seen.mismatch.values()].sort((a, b) => rank(b) - rank(a))
  if (mismatch[0]) {
    const first = mismatch[0]
    out.push(
      finding(
        'LINK_TEXT_MISMATCH',
        `A link shows ${first.shown} but leads to ${first.host}.${more(mismatch.length, 'does')}`,
        {
          shown: first.shown,
          leadsTo: first.host,
          shownProtected: first.shownProtected,
          links: mismatch.slice(0, MAX_EXAMPLES).map((m) => `${m.shown} -> ${m.host}`),
          count: mismatch.length,
        },
        // Click trackers (clickthru.online.com under "www.shop.example") differ from their bare
        // shown name in ordinary newsletters; a link that shows a protected or brand domain, or a
        // full URL with a scheme or path (https://secure.chase.com/unlock), and goes elsewhere
        // does not happen by accident.
        first.shownProtected || first.shownUrl ? 'high' : 'medium',
      ),
    )
  }
  const lookalike = [...seen.lookalike.values()]
    .map((x) => ({ ...x, severity: lookalikeSeverity(x.host, x.lookalike) }))
    .sort((a, b) => Number(b.severity === 'high') - Number(a.severity === 'high'))
  if (lookalike[0]) {
    const { host, lookalike: l, severity } = lookalike[0]
    const unicode = toUnicode(host)
    const shown = unicode === host ? host : `${unicode} (${host})`
    out.push(
      finding(
        'LINK_LOOKALIKE_DOMAIN',
        `A link goes to ${shown}, which imitates ${imitatedName(l)}: ${LOOKALIKE_HOW[l.kind]}.${more(lookalike.length, 'does')}`,
        {
          hosts: lookalike.slice(0, MAX_EXAMPLES).map((x) => x.host),
          imitates: [...new Set(lookalike.map((x) => x.lookalike.protectedDomain))].slice(0, MAX_EXAMPLES),
          how: l.kind,
          count: lookalike.length,
        },
        severity,
      ),
    )
  }
  const punycode = [...seen.punycode.values()]
  if (punycode[0]) {
    const first = punycode[0]
    const mixed = punycode.some((p) => p.mixed)
    const why = mixed ? 'mixes letters from different alphabets' : 'is written with international characters'
    out.push(
      finding(
        'LINK_PUNYCODE_HOST',
        `A link goes to ${first.unicode} (really ${first.host}), a name that ${why} and can imitate another.${more(punycode.length, 'does')}`,
        {
          hosts: punycode.slice(0, MAX_EXAMPLES).map((p) => p.host),
          unicode: punycode.slice(0, MAX_EXAMPLES).map((p) => p.unicode),
          mixedScripts: mixed,
          scripts: [...new Set(punycode.flatMap((p) => p.scripts))],
          count: punycode.length,
        },
      ),
    )
  }
  const ip = [...seen.ip.values()]
  if (ip[0]) {
    const first = ip[0]
    const disguised = ip.filter((x) => x.written !== x.host)
    const text = disguised[0]
      ? `A link points at the bare address ${disguised[0].host}, written as ${disguised[0].written} to hide it.`
      : `A link points at the bare address ${first.host} instead of a site name.`
    out.push(
      finding('LINK_IP_HOST', text + more(ip.length, 'does'), {
        hosts: ip.slice(0, MAX_EXAMPLES).map((x) => x.host),
        written: ip.slice(0, MAX_EXAMPLES).map((x) => x.written),
        disguised: disguised.length > 0,
        count: ip.length,
      }),
    )
  }
  const shortener = [...seen.shortener.values()]
  if (shortener[0]) {
    out.push(
      finding(
        'LINK_SHORTENER',
        `A link goes through the shortener ${shortener[0].host}, which hides where it really leads.${more(shortener.length, 'does')}`,
        {
          hosts: shortener.slice(0, MAX_EXAMPLES).map((x) => x.host),
          urls: shortener.slice(0, MAX_EXAMPLES).map((x) => x.url.slice(0, 200)),
          count: shortener.length,
        },
      ),
    )
  }
  const rewritten = [...seen.rewritten.values()]
  if (rewritten.length > 0) out.push(rewrittenFinding(rewritten))
  return out
}

function rewrittenFinding(rewritten: { gateway: string; target: string | null }[]): Finding {
  const gateways = [...new Set(rewritten.map((r) => r.gateway))]
  const by = listing(gateways)
  const hidden = rewritten.filter((r) => r.target === null).length
  const links = rewritten.length === 1 ? 'A link was' : `${rewritten.length} links were`
  let text = `${links} rewritten by ${by}; Moat checked where ${rewritten.length === 1 ? 'it really leads' : 'they really lead'}.`
  if (hidden > 0) {
    text =
      hidden === rewritten.length
        ? `${links} rewritten by ${by}, which hides the real target until the link is clicked.`
        : `${text} ${hidden} of them ${hidden === 1 ? 'hides its' : 'hide their'} target until clicked.`
  }
  return finding('LINK_REWRITTEN', text, {
    gateways,
    targets: rewritten.flatMap((r) => (r.target ? [r.target.slice(0, 200)] : [])).slice(0, MAX_EXAMPLES),
    hiddenTargets: hidden,
    count: rewritten.length,
  })
}

/** 'A', 'A and B', 'A, B and C'. */
function listing(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** " 3 more links do the same." when there were others. */
function more(count: number, verb: string): string {
  if (count <= 1) return ''
  return count === 2 ? ` 1 more link ${verb} the same.` : ` ${count - 1} more links do the same.`
}

/** LIMIT_LINKS: links past `limits.maxLinks` were not read, so a clean result covers only the first ones. */
export function limitFinding(maxLinks: number): Finding {
  return finding(
    'LIMIT_LINKS',
    `The message has more than ${maxLinks} links; only the first ${maxLinks} were checked.`,
    { maxLinks },
  )
}

function finding(
  code: FindingCode,
  text: string,
  evidence: Finding['evidence'],
  severity: Severity = FINDING_CODES[code].severity,
): Finding {
  return { code, severity, text: text.slice(0, 500), evidence }
}
