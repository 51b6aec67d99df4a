/** Per-link checks: each link is judged once per host, and what is found is gathered per finding code. */
import type { Lookalike } from '../../domains/lookalike.ts'
import type { ProtectedDomains } from '../../domains/lookalike.ts'
import { hasNonAscii, isPunycode, toUnicode } from '../../domains/idn.ts'
import type { HostCache } from '../../domains/registered-domain.ts'
import { mixedScriptLabels, scriptsOf } from '../../domains/scripts.ts'
import type { Deadline } from '../engine.ts'
import { isIpHost } from './ip-host.ts'
import type { Link } from './link.ts'
import { shownHost } from './shown-host.ts'

export interface Observations {
  mismatch: Map<string, Mismatch>
  ip: Map<string, { host: string; written: string }>
  shortener: Map<string, { host: string; url: string }>
  punycode: Map<string, { host: string; unicode: string; scripts: string[]; mixed: boolean }>
  lookalike: Map<string, { host: string; lookalike: Lookalike }>
  rewritten: Map<string, { gateway: string; target: string | null }>
}

export interface Mismatch {
  shown: string
  host: string
  /** The text shows a protected or brand domain: the classic phishing link, not a click tracker. */
  shownProtected: boolean
  /** The text is a full URL (scheme or path), not a bare name: a reader takes it as the address. */
  shownUrl: boolean
}

export interface CheckContext {
  cache: HostCache
  protectedList: ProtectedDomains
  shorteners: ReadonlySet<string>
  trackingDomains: ReadonlySet<string>
  /** Stops the checks once passed; the caller must then discard what was observed. */
  deadline?: Deadline
}

interface HostFacts {
  ip: boolean
  shortener: boolean
  unicode: string | null
  scripts: string[]
  mixed: boolean
  lookalike: Lookalike | null
}

/** Runs every check over `links`; keys dedupe repeats (a newsletter links the same host many times). */
export function observe(links: Link[], ctx: CheckContext): Observations {
  const seen: Observations = {
    mismatch: new Map(),
    ip: new Map(),
    shortener: new Map(),
    punycode: new Map(),
    lookalike: new Map(),
    rewritten: new Map(),
  }
  const facts = new Map<string, HostFacts>()
  for (const [i, link] of links.entries()) {
    if (i % 16 === 15 && ctx.deadline?.passed()) break
    let host = facts.get(link.host)
    if (!host) {
      host = hostFacts(link, ctx)
      facts.set(link.host, host)
    }
    if (link.rewrittenBy) {
      seen.rewritten.set(link.rewrittenUrl ?? link.url, {
        gateway: link.rewrittenBy,
        target: link.targetKnown === false ? null : link.url,
      })
      // A hidden target cannot be judged; only the rewrite itself is reported.
      if (link.targetKnown === false) continue
    }
    if (host.ip) seen.ip.set(link.host, { host: link.host, written: link.writtenHost })
    if (host.shortener) seen.shortener.set(link.host, { host: link.host, url: link.url })
    if (host.unicode !== null) {
      seen.punycode.set(link.host, { host: link.host, unicode: host.unicode, scripts: host.scripts, mixed: host.mixed })
    }
    if (host.lookalike) seen.lookalike.set(link.host, { host: link.host, lookalike: host.lookalike })
    const mismatch = textMismatch(link, ctx)
    if (mismatch) seen.mismatch.set(`${mismatch.shown}\u0000${link.host}`, mismatch)
  }
  return seen
}

function hostFacts(link: Link, ctx: CheckContext): HostFacts {
  const ip = isIpHost(link.host)
  const punycode = !ip && isPunycode(link.host)
  const unicode = punycode ? toUnicode(link.host) : null
  return {
    ip,
    shortener:
      ctx.shorteners.has(link.host) || (link.registeredDomain !== null && ctx.shorteners.has(link.registeredDomain)),
    unicode,
    scripts: unicode === null ? [] : [...scriptsOf(unicode.split('.').filter(hasNonAscii).join('.'))].sort(),
    mixed: unicode !== null && mixedScriptLabels(unicode).length > 0,
    lookalike: ip ? null : ctx.protectedList.match(link.host, ctx.cache),
  }
}

/**
 * The anchor text names one site and the link goes to another. Compared by registered domain so
 * www.example.com and example.com/x agree; tracking redirects are skipped (see config), and open
 * redirects were already followed to their target (unwrap.ts).
 */
function textMismatch(link: Link, ctx: CheckContext): Mismatch | null {
  if (!link.displayedText) return null
  if (link.registeredDomain && ctx.trackingDomains.has(link.registeredDomain)) return null
  const shown = shownHost(link.displayedText, ctx.cache)
  if (!shown) return null
  const shownSite = shown.registeredDomain ?? shown.host
  const realSite = link.registeredDomain ?? link.host
  if (shownSite === realSite) return null
  const shownProtected = ctx.protectedList.isGenuine(ctx.cache.get(shown.host))
  const shownUrl = /^[a-z][a-z0-9+.-]*:/i.test(shown.shown) || /[/?#]/.test(shown.shown)
  return { shown: shown.shown, host: link.host, shownProtected, shownUrl }
}
