/** recheckHeld: scans again a message held because its scan failed, and releases it when the new verdict allows. */
import type { MessageRow } from './mailbox-store.ts'
import { releaseMessage } from './release-message.ts'
import { scanAttempt, verdictSummary } from './scan-attempt.ts'
import type { WatchContext } from './watch-context.ts'

/** Held rows whose rescan is due, each scanned again once per sweep. */
export async function recheckHeld(ctx: WatchContext): Promise<void> {
  for (const row of await ctx.store.dueRechecks(ctx.account.name, 20)) {
    await recheckOne(ctx, row)
  }
}

async function recheckOne(ctx: WatchContext, row: MessageRow): Promise<void> {
  const { session, store } = ctx
  if (!row.location || row.location === row.mailbox || row.locationUid === null) {
    await store.update(row.id, { retryAt: null })
    return
  }
  await session.open(row.location)
  const message = (await session.fetch([row.locationUid])).get(row.locationUid)
  if (!message) {
    // Released (perhaps by this very step before a crash: the release keyword tells the watcher) or moved by a person.
    await store.update(row.id, {
      retryAt: null,
      outcome: `held message left ${row.location} before it was scanned again`,
    })
    return
  }
  const attempts = row.attempts + 1
  await store.update(row.id, { attempts })
  const attempt = await scanAttempt(ctx.scanner, message.source, attempts, ctx.policy.onScanFailure, ctx.now())
  if (!attempt.ok) {
    await store.update(row.id, {
      retryAt: attempt.retryAt,
      outcome:
        attempt.retryAt === null
          ? `held: scanning failed ${attempts} times (${attempt.why}); a person must review it`
          : `held: ${attempt.why}`,
    })
    return
  }
  const { verdict } = attempt
  const patch = { verdict: JSON.stringify(verdict), action: verdict.action, retryAt: null }
  if (verdict.action === 'allow' || verdict.action === 'flag') {
    await store.update(row.id, patch)
    await releaseMessage(
      session,
      store,
      { ...row, ...patch },
      {
        detail: `scanned again once the engines were back: ${verdictSummary(verdict)}`,
        flag: verdict.action === 'flag',
      },
    )
    return
  }
  await store.update(row.id, { ...patch, outcome: `held: confirmed when scanned again: ${verdictSummary(verdict)}` })
}
