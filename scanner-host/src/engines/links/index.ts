/** links engine: links whose text lies, bare IPs, shorteners, punycode and look-alike hosts, gateway rewrites. */
import { protectedListFor } from '../../domains/lookalike.ts'
import { perConfig } from '../per-config.ts'
import { HostCache } from '../../domains/registered-domain.ts'
import { type EngineOutcome, defineEngine, ok } from '../engine.ts'
import { observe } from './checks.ts'
import { type LinksConfig, LinksConfigSchema } from './config.ts'
import { extractLinks } from './extract.ts'
import { findingsFrom, limitFinding } from './findings.ts'

export { extractLinks, type ExtractOptions, type ExtractedLinks } from './extract.ts'
export type { Link, LinkSource } from './link.ts'
export { LinksConfigSchema, type LinksConfig } from './config.ts'

const hostSets = perConfig((config: LinksConfig) => ({
  shorteners: new Set(config.shorteners),
  tracking: new Set(config.trackingDomains),
}))

export const linksEngine = defineEngine({
  name: 'links',
  description:
    'Links: displayed text that lies, bare IP hosts, shorteners, punycode and look-alike hosts, gateway rewrites.',
  configSchema: LinksConfigSchema,
  async scan(message, ctx) {
    const cache = new HostCache()
    const { links, truncated } = extractLinks(message, ctx.limits, { deadline: ctx.deadline, cache })
    if (ctx.deadline.passed()) return timedOut()
    // Links past the limit were not read: say so, or a clean result would vouch for them too.
    const limit = truncated ? [limitFinding(ctx.limits.maxLinks)] : []
    if (links.length === 0) return ok(limit)
    const config = hostSets(ctx.config)
    const seen = observe(links, {
      cache,
      protectedList: protectedListFor(ctx.organization, ctx.config.brandDomains),
      shorteners: config.shorteners,
      trackingDomains: config.tracking,
      deadline: ctx.deadline,
    })
    if (ctx.deadline.passed()) return timedOut()
    return ok([...findingsFrom(seen), ...limit])
  },
})

/** Partial link lists would make a clean result look trustworthy, so a late scan is an error. */
function timedOut(): EngineOutcome {
  return { status: 'error', errorCode: 'Timeout', why: 'The deadline passed while links were checked.' }
}
