/** links engine: links whose text lies, bare IPs, shorteners, punycode and look-alike hosts, gateway rewrites. */
import { protectedDomains } from '../../domains/lookalike.ts'
import { HostCache } from '../../domains/registered-domain.ts'
import { type EngineOutcome, defineEngine, ok } from '../engine.ts'
import { observe } from './checks.ts'
import { type LinksConfig, LinksConfigSchema } from './config.ts'
import { extractLinks } from './extract.ts'
import { findingsFrom } from './findings.ts'

export { extractLinks, type ExtractOptions } from './extract.ts'
export type { Link, LinkSource } from './link.ts'
export { LinksConfigSchema, type LinksConfig } from './config.ts'

/** Sets built once per configuration object rather than per message. */
const sets = new WeakMap<LinksConfig, { shorteners: Set<string>; tracking: Set<string> }>()

export const linksEngine = defineEngine({
  name: 'links',
  description:
    'Links: displayed text that lies, bare IP hosts, shorteners, punycode and look-alike hosts, gateway rewrites.',
  configSchema: LinksConfigSchema,
  async scan(message, ctx) {
    const cache = new HostCache()
    const links = extractLinks(message, ctx.limits, { signal: ctx.signal, cache })
    if (ctx.signal.aborted) return timedOut()
    if (links.length === 0) return ok([])
    let config = sets.get(ctx.config)
    if (!config) {
      config = { shorteners: new Set(ctx.config.shorteners), tracking: new Set(ctx.config.trackingDomains) }
      sets.set(ctx.config, config)
    }
    const { domains, protectedDomains: extra } = ctx.organization
    const seen = observe(links, {
      cache,
      protectedList: protectedDomains([...domains, ...extra, ...ctx.config.brandDomains]),
      shorteners: config.shorteners,
      trackingDomains: config.tracking,
      signal: ctx.signal,
    })
    if (ctx.signal.aborted) return timedOut()
    return ok(findingsFrom(seen))
  },
})

/** Partial link lists would make a clean result look trustworthy, so a late scan is an error. */
function timedOut(): EngineOutcome {
  return { status: 'error', errorCode: 'Timeout', why: 'The deadline passed while links were checked.' }
}
