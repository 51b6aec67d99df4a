/** learnFromJunk: a message its owner moved into Junk trains the learning engines as spam, once. */
import { createHash } from 'node:crypto'
import { chunksBySize } from './fetch-chunks.ts'
import type { WatchContext } from './watch-context.ts'

const BATCH = 50

/**
 * Reads what arrived in the account's Junk mailbox since the last sweep. Moat itself never moves
 * mail there, so every arrival is a person's judgement. Its first sight of Junk (or a new
 * UIDVALIDITY there) starts from UIDNEXT: mail already in Junk is not taken as a fresh report.
 * The same seen -> acted rows as the watched mailbox make it crash-safe; training twice is a no-op.
 */
export async function learnFromJunk(ctx: WatchContext): Promise<void> {
  const { account, session, store } = ctx
  if (!account.learnFromMoves || !ctx.teacher) return
  const junk = account.junkMailbox
  const box = await session.open(junk)
  const cursor = await store.cursor(account.name, junk)
  if (!cursor || cursor.uidValidity !== box.uidValidity) {
    await store.setCursor(account.name, junk, { uidValidity: box.uidValidity, lastUid: box.uidNext - 1 })
    return
  }
  await store.addSeen(account.name, junk, box.uidValidity, await session.uidsAfter(cursor.lastUid))
  let afterUid = 0
  for (;;) {
    const rows = await store.pending(account.name, junk, box.uidValidity, afterUid, BATCH)
    if (rows.length === 0) return
    afterUid = rows[rows.length - 1]!.uid
    const uids = rows.map((row) => row.uid)
    for (const chunk of chunksBySize(uids, await session.sizes(uids))) {
      const fetched = await session.fetch(chunk)
      for (const row of rows.filter((r) => chunk.includes(r.uid))) {
        const message = fetched.get(row.uid)
        if (!message) {
          await store.update(row.id, { state: 'skipped', outcome: 'gone: left Junk before Moat read it' })
          continue
        }
        const sha256 = createHash('sha256').update(message.source).digest('hex')
        const earlier = await store.lastSeenElsewhere(account.name, sha256, row.id)
        const learnt = await ctx.teacher.teach(message.source, 'spam')
        const here = { location: junk, locationUid: row.uid }
        await store.update(
          row.id,
          {
            state: 'acted',
            outcome: 'moved into Junk by its owner: learnt as spam',
            sha256,
            size: message.source.length,
            messageId: earlier?.messageId ?? null,
            subject: earlier?.subject ?? null,
            ...here,
          },
          {
            action: 'learn-spam',
            fromMailbox: earlier?.location ?? null,
            toMailbox: junk,
            toUid: row.uid,
            detail: learnt,
          },
        )
        if (earlier) await store.update(earlier.id, here)
      }
    }
  }
}
