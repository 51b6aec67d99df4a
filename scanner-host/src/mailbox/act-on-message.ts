/** actOnMessage: carries out a scanned message's verdict in the mailbox (or only records it, in monitor mode). */
import type { Verdict } from '@moat/contract'
import { KEYWORD_FLAGGED } from './imap/imap-session.ts'
import type { MessageRow } from './mailbox-store.ts'
import { moveMessage } from './move-message.ts'
import { verdictSummary } from './scan-attempt.ts'
import type { WatchContext } from './watch-context.ts'

/**
 * Takes a row in state `scanned` to `acted`. Each step can be repeated after a crash without
 * doing anything twice: flags are added (adding again changes nothing), moves are found rather
 * than redone (moveMessage), an expunge of a UID already gone expunges nothing.
 */
export async function actOnMessage(ctx: WatchContext, row: MessageRow): Promise<void> {
  const { account, session, store } = ctx
  const verdict = row.verdict ? (JSON.parse(row.verdict) as Verdict) : null
  const why = verdictSummary(verdict)
  const here = { location: row.mailbox, locationUid: row.uid }
  const action = row.action ?? 'quarantine'

  if (account.mode === 'monitor') {
    await store.update(
      row.id,
      { state: 'acted', outcome: `monitor mode: recorded, would ${action}`, retryAt: null, ...here },
      { action: 'record', fromMailbox: row.mailbox, fromUid: row.uid, detail: why },
    )
    return
  }
  if (action === 'allow') {
    await store.update(row.id, { state: 'acted', outcome: 'allowed', ...here }, { action: 'allow', detail: why })
    return
  }
  if (action === 'flag') {
    await session.open(row.mailbox)
    await session.addFlags(row.uid, ['\\Flagged', KEYWORD_FLAGGED])
    await store.update(
      row.id,
      { state: 'acted', outcome: 'flagged', ...here },
      { action: 'flag', fromMailbox: row.mailbox, fromUid: row.uid, detail: why },
    )
    return
  }
  if (action === 'delete' && account.deleteBy === 'expunge') {
    await session.open(row.mailbox)
    await session.expunge(row.uid)
    await store.update(
      row.id,
      { state: 'acted', outcome: 'expunged', location: null, locationUid: null, retryAt: null },
      { action: 'expunge', fromMailbox: row.mailbox, fromUid: row.uid, detail: why },
    )
    return
  }
  const toTrash = action === 'delete' && account.deleteBy === 'trash'
  const to = toTrash ? account.trashMailbox : account.quarantineMailbox
  const moved = await moveMessage(session, row.mailbox, row.uid, to, {
    sha256: row.sha256!,
    size: row.size ?? 0,
    messageId: row.messageId,
  })
  if (moved.uid === null) {
    await store.update(row.id, {
      state: 'acted',
      outcome: `gone: the message left ${row.mailbox} before Moat could move it`,
      location: null,
      locationUid: null,
      retryAt: null,
    })
    return
  }
  await store.update(
    row.id,
    {
      state: 'acted',
      // A message held because its scan failed keeps saying so (`held: rspamd failed…`).
      outcome: toTrash ? `deleted (moved to ${to})` : (row.outcome ?? 'quarantined'),
      location: to,
      locationUid: moved.uid,
    },
    {
      action: toTrash ? 'delete' : 'quarantine',
      fromMailbox: row.mailbox,
      fromUid: row.uid,
      toMailbox: to,
      toUid: moved.uid,
      detail: why,
    },
  )
}
