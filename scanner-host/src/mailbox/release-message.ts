/** releaseMessage: moves a held message back to the mailbox it arrived in, marked so it is not scanned again. */
import { KEYWORD_FLAGGED, KEYWORD_RELEASED, type ImapSession } from './imap/imap-session.ts'
import type { MailboxStore, MessageRow } from './mailbox-store.ts'
import { moveMessage } from './move-message.ts'

export class ReleaseError extends Error {
  override name = 'ReleaseError'
}

export interface ReleaseOptions {
  /** Who or what released it, and why: goes to the action record. */
  detail: string
  /** Also flag it (\Flagged and $MoatFlagged): a rescan's verdict was `flag`. */
  flag?: boolean
}

/**
 * The keyword goes on first, then the move: either order of crash leaves a message that is
 * either still held (release again) or back and marked (the watcher skips it). Releasing a
 * message that is back already only records where it is.
 */
export async function releaseMessage(
  session: ImapSession,
  store: MailboxStore,
  row: MessageRow,
  options: ReleaseOptions,
): Promise<number> {
  const from = row.location
  if (!from || row.locationUid === null || from === row.mailbox) {
    throw new ReleaseError(`message ${row.id} is not held (it is in ${from ?? 'no known mailbox'})`)
  }
  await session.open(from)
  if (await session.hasUid(row.locationUid)) {
    const keywords = [KEYWORD_RELEASED, ...(options.flag ? ['\\Flagged', KEYWORD_FLAGGED] : [])]
    await session.addFlags(row.locationUid, keywords)
  }
  const moved = await moveMessage(session, from, row.locationUid, row.mailbox, {
    sha256: row.sha256!,
    size: row.size ?? 0,
    messageId: row.messageId,
  })
  if (moved.uid === null) throw new ReleaseError(`message ${row.id} is in neither ${from} nor ${row.mailbox}`)
  await store.update(
    row.id,
    { location: row.mailbox, locationUid: moved.uid, outcome: 'released', retryAt: null },
    {
      action: 'release',
      fromMailbox: from,
      fromUid: row.locationUid,
      toMailbox: row.mailbox,
      toUid: moved.uid,
      detail: options.detail,
    },
  )
  return moved.uid
}
