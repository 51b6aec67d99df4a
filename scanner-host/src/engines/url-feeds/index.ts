/** url-feeds engine: links listed by URL threat feeds (URLhaus, OpenPhish, PhishTank, ThreatFox), shortened links followed first. */
import type { EngineOutcome } from '../engine.ts'
import { defineEngine, ok, type Engine, type EngineContext } from '../engine.ts'
import type { FeedStatus } from '../../feeds/feed-set.ts'
import { dnsResolver, type ResolveHost } from '../../feeds/unshorten/resolve-host.ts'
import { Unshortener } from '../../feeds/unshorten/unshortener.ts'
import { extractLinks } from '../links/extract.ts'
import { perConfig } from '../per-config.ts'
import { checkLinks } from './check-links.ts'
import { UrlFeedsConfigSchema, type UrlFeedsConfig } from './config.ts'
import { FeedSetPool } from './feed-set-pool.ts'
import { findingsFrom } from './findings.ts'
import { feedHealth } from './health.ts'

export { UrlFeedsConfigSchema, UnshortenConfigSchema, type UrlFeedsConfig } from './config.ts'
export { URL_FEED_CODES } from './findings.ts'

export interface UrlFeedsEngineOptions {
  /** Resolves shortener hosts; by default DNS through `unshorten.dnsServers`. Tests pass a stand-in. */
  resolve?: ResolveHost
}

/**
 * Feeds are read in the background from the first scan (or health check) of a configuration and
 * refreshed on their intervals; `close()` stops them.
 */
export function createUrlFeedsEngine(options: UrlFeedsEngineOptions = {}): Engine<UrlFeedsConfig> {
  const pool = new FeedSetPool()
  const unshortenerFor = perConfig(
    ({ unshorten }: UrlFeedsConfig) =>
      new Unshortener({
        shorteners: unshorten.shorteners,
        resolve: options.resolve ?? dnsResolver(unshorten.dnsServers),
        maxHops: unshorten.maxHops,
        timeoutMs: unshorten.timeoutMs,
        allowedNetworks: unshorten.allowedNetworks,
      }),
  )
  return defineEngine({
    name: 'url-feeds',
    description: 'URL threat feeds: links listed by URLhaus, OpenPhish, PhishTank or ThreatFox, short links followed.',
    configSchema: UrlFeedsConfigSchema,
    async scan(message, ctx) {
      const feeds = pool.get(ctx.config, ctx.log)
      if (!feeds) return { status: 'skipped', why: 'No URL feed is configured (engines.url-feeds.config.feeds).' }
      const { links } = extractLinks(message, ctx.limits, { deadline: ctx.deadline })
      if (ctx.deadline.passed()) return timedOut()
      if (links.length === 0) return ok([])
      const signal = scanSignal(ctx)
      // Right after start the feeds are still downloading: wait for them as long as the deadline allows.
      await feeds.ready(signal)
      const status = feeds.status()
      const missing = status.filter((s) => s.entries === null)
      if (missing.length === status.length) return unavailable(`no URL feed has loaded yet (${notLoaded(missing)})`)
      const { unshorten } = ctx.config
      const checked = await checkLinks(links, feeds, {
        unshortener: unshorten.enabled ? unshortenerFor(ctx.config) : null,
        maxShortened: unshorten.maxLinks,
        signal,
      })
      const findings = findingsFrom(checked)
      // A feed that could not be asked cannot vouch for the links; a listing found elsewhere stands.
      if (missing.length > 0 && !findings.some((f) => f.code === 'URL_FEED_LISTED')) {
        const asked = status.filter((s) => s.entries !== null).map((s) => s.name)
        return unavailable(`${notLoaded(missing)}; the links were checked against ${asked.join(', ')} only`)
      }
      return ok(findings)
    },
    async health(ctx) {
      const feeds = pool.get(ctx.config, ctx.log)
      if (!feeds) return { state: 'ready', loaded: 'no feed configured' }
      await feeds.ready(ctx.signal)
      return feedHealth(feeds.status())
    },
    async close() {
      pool.close()
    },
  })
}

/** The scan's signal, also aborted at its deadline (a harness may hand a signal that never aborts). */
function scanSignal(ctx: EngineContext<UrlFeedsConfig>): AbortSignal {
  return AbortSignal.any([ctx.signal, AbortSignal.timeout(Math.max(0, Math.ceil(ctx.deadline.at - performance.now())))])
}

function notLoaded(missing: FeedStatus[]): string {
  return missing.map((s) => `${s.name} not loaded${s.lastError ? `: ${s.lastError}` : ''}`).join('; ')
}

function unavailable(why: string): EngineOutcome {
  return { status: 'error', errorCode: 'Unavailable', why: why.slice(0, 500) }
}

/** Partial link lists would make a clean result look trustworthy, so a late scan is an error. */
function timedOut(): EngineOutcome {
  return { status: 'error', errorCode: 'Timeout', why: 'The deadline passed while links were read.' }
}
