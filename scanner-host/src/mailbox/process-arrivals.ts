/** processArrivals: the state machine of each new message in a watched mailbox: seen -> scanned -> acted. */
import { createHash } from 'node:crypto'
import { eachLimited } from '../each-limited.ts'
import { actOnMessage } from './act-on-message.ts'
import { chunksBySize } from './fetch-chunks.ts'
import { KEYWORD_RELEASED, type FetchedMessage } from './imap/imap-session.ts'
import type { MessageRow } from './mailbox-store.ts'
import { scanAttempt } from './scan-attempt.ts'
import type { WatchContext } from './watch-context.ts'

/** Rows read from the records per round. */
const BATCH = 50
/**
 * A message whose scan started this many times without finishing took the scanner host down with
 * it each time (a native crash, memory): it is held for a person instead of crashing it again.
 */
const MAX_UNFINISHED_SCANS = 3

/**
 * Works through every unfinished row of `mailbox` once, in UID order: scans those not scanned
 * (several at once), then acts on each (one at a time: one IMAP connection). A row that fails
 * with an error stays as it was and is tried again in the next cycle.
 */
export async function processArrivals(ctx: WatchContext, mailbox: string, uidValidity: string): Promise<number> {
  let afterUid = 0
  let handled = 0
  for (;;) {
    const rows = await ctx.store.pending(ctx.account.name, mailbox, uidValidity, afterUid, BATCH)
    if (rows.length === 0) return handled
    afterUid = rows[rows.length - 1]!.uid
    await processBatch(ctx, mailbox, rows)
    handled += rows.length
  }
}

async function processBatch(ctx: WatchContext, mailbox: string, rows: MessageRow[]): Promise<void> {
  const toScan = rows.filter((row) => row.state !== 'scanned')
  const ready = new Map(rows.filter((row) => row.state === 'scanned').map((row) => [row.uid, row]))
  if (toScan.length > 0) {
    await ctx.session.open(mailbox)
    const sizes = await ctx.session.sizes(toScan.map((row) => row.uid))
    const byUid = new Map(toScan.map((row) => [row.uid, row]))
    for (const chunk of chunksBySize([...byUid.keys()], sizes)) {
      await ctx.session.open(mailbox)
      const fetched = await ctx.session.fetch(chunk)
      await eachLimited(chunk, ctx.scanConcurrency, async (uid) => {
        const row = byUid.get(uid)!
        const scanned = await examine(ctx, row, fetched.get(uid)).catch((err: Error) => {
          ctx.log.error('message not scanned; trying again later', {
            account: ctx.account.name,
            uid,
            error: err.message,
          })
          return null
        })
        if (scanned) ready.set(uid, scanned)
      })
    }
  }
  for (const uid of [...ready.keys()].sort((a, b) => a - b)) {
    await actOnMessage(ctx, ready.get(uid)!)
  }
}

/**
 * Decides what to do with one fetched message; resolves with the row once it is `scanned` (ready
 * to act on), or null when it was settled here (skipped, or left waiting for a retry).
 */
async function examine(
  ctx: WatchContext,
  row: MessageRow,
  message: FetchedMessage | undefined,
): Promise<MessageRow | null> {
  const { store, account } = ctx
  const here = { location: row.mailbox, locationUid: row.uid }
  if (!message) {
    await store.update(row.id, { state: 'skipped', outcome: `gone: left ${row.mailbox} before Moat read it` })
    return null
  }
  const sha256 = createHash('sha256').update(message.source).digest('hex')
  const size = message.source.length
  if (message.flags.has(KEYWORD_RELEASED)) {
    await store.update(row.id, {
      state: 'skipped',
      sha256,
      size,
      outcome: 'released by Moat: not scanned again',
      ...here,
    })
    return null
  }

  const earlier = await store.lastSeenElsewhere(account.name, sha256, row.id)
  if (earlier && (earlier.location === account.quarantineMailbox || earlier.location === account.junkMailbox)) {
    // The owner took it back out of Junk or Quarantine: their judgement stands, and teaches ham.
    const learnt =
      account.learnFromMoves && ctx.teacher
        ? await ctx.teacher.teach(message.source, 'ham')
        : 'not learnt (learning off)'
    const identity = { sha256, size, messageId: earlier.messageId, subject: earlier.subject }
    await store.update(
      row.id,
      { state: 'skipped', outcome: `moved back from ${earlier.location} by its owner`, ...identity, ...here },
      { action: 'learn-ham', fromMailbox: earlier.location, toMailbox: row.mailbox, toUid: row.uid, detail: learnt },
    )
    await store.update(earlier.id, here)
    return null
  }
  if (earlier && earlier.location === row.mailbox && isFinished(earlier) && isAnotherUid(earlier, row)) {
    // The same bytes, handled here before under another UID: a new UIDVALIDITY, or a server
    // that renumbered its mailbox. (An identical copy delivered twice is skipped too; its twin's verdict holds.)
    await store.update(row.id, {
      state: 'skipped',
      sha256,
      size,
      messageId: earlier.messageId,
      subject: earlier.subject,
      outcome: `already handled under UIDVALIDITY ${earlier.uidValidity} (UID ${earlier.uid})`,
      ...here,
    })
    return null
  }

  // Counted before the scan: a scan that takes the process down still counts (see MAX_UNFINISHED_SCANS).
  const attempts = row.attempts + 1
  await store.update(row.id, { attempts, sha256, size })
  const crashed = row.state === 'seen' && row.attempts >= MAX_UNFINISHED_SCANS
  const attempt = crashed
    ? ({
        ok: false,
        verdict: null,
        why: `its scan stopped the scanner host ${row.attempts} times`,
        retryAt: null,
      } as const)
    : await scanAttempt(ctx.scanner, message.source, attempts, ctx.policy.onScanFailure, ctx.now())
  const verdict = attempt.verdict
  const identity = {
    sha256,
    size,
    messageId: verdict?.message.messageId ?? null,
    subject: verdict?.message.subject ?? null,
    verdict: verdict ? JSON.stringify(verdict) : null,
  }
  if (!attempt.ok) {
    ctx.log.warn('scan failed', { account: account.name, uid: row.uid, attempts, why: attempt.why })
    if (ctx.policy.onScanFailure.whileFailing === 'leave' && attempt.retryAt !== null) {
      await store.update(row.id, {
        state: 'waiting',
        retryAt: attempt.retryAt,
        outcome: `left in ${row.mailbox}: ${attempt.why}; scanning again at ${new Date(attempt.retryAt).toISOString()}`,
        ...identity,
      })
      return null
    }
  }
  // Failing closed: a failed scan's verdict already holds the message; without a verdict, hold it.
  const patch = {
    state: 'scanned' as const,
    action: verdict?.action ?? ('quarantine' as const),
    retryAt: attempt.ok ? null : attempt.retryAt,
    outcome: attempt.ok ? null : `held: ${attempt.why}`,
    ...identity,
  }
  await store.update(row.id, patch)
  return { ...row, ...patch, attempts }
}

function isFinished(row: MessageRow): boolean {
  return row.state === 'acted' || row.state === 'skipped'
}

function isAnotherUid(a: MessageRow, b: MessageRow): boolean {
  return a.uidValidity !== b.uidValidity || a.uid !== b.uid
}
