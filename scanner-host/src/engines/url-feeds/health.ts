/** feedHealth: what `moat engines` shows for the feeds: ready, degraded (a feed failed, is stale or cut short) or down. */
import type { FeedStatus } from '../../feeds/feed-set.ts'
import type { EngineHealth } from '../engine.ts'

export function feedHealth(status: readonly FeedStatus[]): EngineHealth {
  const loaded = status
    .map((s) => `${s.name} ${s.entries === null ? 'not loaded' : s.entries.toLocaleString('en-US')}`)
    .join(', ')
  const problems = status.flatMap((s) => {
    if (s.lastError) return [`${s.name}: ${s.lastError}`]
    if (s.entries === null) return [`${s.name}: still loading`]
    if (s.stale) return [`${s.name}: not refreshed since ${new Date(s.checkedAt ?? 0).toISOString()}`]
    return s.cutShort ? [`${s.name}: ${s.cutShort}`] : []
  })
  const state = status.every((s) => s.entries === null) ? 'down' : problems.length > 0 ? 'degraded' : 'ready'
  return { state, loaded, ...(problems.length > 0 ? { lastError: problems.join('; ') } : {}) }
}
