/** moveMessage: an idempotent IMAP move that always learns the message's new UID, even after a crash mid-move. */
import type { ImapSession } from './imap/imap-session.ts'

export interface MovedTo {
  mailbox: string
  /** Null when the message is in neither place: someone moved or deleted it first. */
  uid: number | null
}

export interface MessageBytes {
  sha256: string
  size: number
  messageId: string | null
}

/**
 * Moves UID `uid` of `from` to `to`. When the server moves nothing (the UID is gone: an earlier
 * attempt moved it and the process died before recording COPYUID), the message is looked for in
 * `to` by its bytes instead of being moved again: a message is never moved twice.
 */
export async function moveMessage(
  session: ImapSession,
  from: string,
  uid: number,
  to: string,
  bytes: MessageBytes,
): Promise<MovedTo> {
  await session.open(from)
  const moved = await session.move(uid, to)
  if (moved !== null) return { mailbox: to, uid: moved }
  if (await session.hasUid(uid)) throw new Error(`${from} UID ${uid}: the server did not move it`)
  return { mailbox: to, uid: await session.locate(to, bytes) }
}
