/** MailboxStore: the watcher's durable records (cursors, each message's state, the actions taken), one write at a time. */
import { and, asc, desc, eq, gt, inArray, isNotNull, lte, ne, or } from 'drizzle-orm'
import type { LearningState } from '../state/learning-state.ts'
import { mailboxActions, mailboxCursors, mailboxMessages, type MessageState } from '../state/mailbox-schema.ts'
import { inWriteTurn } from '../state/write-turn.ts'

export type MessageRow = typeof mailboxMessages.$inferSelect
export type MessagePatch = Partial<Omit<MessageRow, 'id' | 'account' | 'mailbox' | 'uidValidity' | 'uid' | 'createdAt'>>
export type ActionRow = typeof mailboxActions.$inferSelect

export interface Cursor {
  uidValidity: string
  lastUid: number
}

export interface ActionRecord {
  action: string
  fromMailbox?: string | null
  fromUid?: number | null
  toMailbox?: string | null
  toUid?: number | null
  detail?: string | null
}

/** Rows still to work on: never scanned, or scanned and not yet acted on. */
const UNFINISHED: MessageState[] = ['seen', 'scanned']

export class MailboxStore {
  private readonly state: LearningState
  private readonly now: () => number

  constructor(state: LearningState, now: () => number = Date.now) {
    this.state = state
    this.now = now
  }

  private write<T>(work: () => Promise<T>): Promise<T> {
    return inWriteTurn(this.state, work)
  }

  private get db() {
    return this.state.db
  }

  async cursor(account: string, mailbox: string): Promise<Cursor | null> {
    const rows = await this.write(() =>
      this.db
        .select({ uidValidity: mailboxCursors.uidValidity, lastUid: mailboxCursors.lastUid })
        .from(mailboxCursors)
        .where(and(eq(mailboxCursors.account, account), eq(mailboxCursors.mailbox, mailbox))),
    )
    return rows[0] ?? null
  }

  /** Sets the cursor without adding rows: a first start (from UIDNEXT on) or a new UIDVALIDITY. */
  async setCursor(account: string, mailbox: string, cursor: Cursor): Promise<void> {
    const at = this.now()
    await this.write(() =>
      this.db
        .insert(mailboxCursors)
        .values({ account, mailbox, ...cursor, updatedAt: at })
        .onConflictDoUpdate({
          target: [mailboxCursors.account, mailboxCursors.mailbox],
          set: { ...cursor, updatedAt: at },
        }),
    )
  }

  /**
   * Records newly seen UIDs as `seen` rows and moves the cursor past them, in one transaction:
   * after a crash either both happened or neither, so no UID is skipped and none gets two rows.
   */
  async addSeen(account: string, mailbox: string, uidValidity: string, uids: readonly number[]): Promise<void> {
    if (uids.length === 0) return
    const at = this.now()
    const lastUid = Math.max(...uids)
    await this.write(() =>
      this.db.transaction(async (tx) => {
        for (let i = 0; i < uids.length; i += 200) {
          await tx
            .insert(mailboxMessages)
            .values(
              uids.slice(i, i + 200).map((uid) => ({
                account,
                mailbox,
                uidValidity,
                uid,
                state: 'seen' as const,
                createdAt: at,
                updatedAt: at,
              })),
            )
            .onConflictDoNothing()
        }
        await tx
          .insert(mailboxCursors)
          .values({ account, mailbox, uidValidity, lastUid, updatedAt: at })
          .onConflictDoUpdate({
            target: [mailboxCursors.account, mailboxCursors.mailbox],
            set: { uidValidity, lastUid, updatedAt: at },
          })
      }),
    )
  }

  /**
   * Rows of this mailbox above `afterUid` to work on now, oldest UID first: unfinished ones and
   * waiting ones that are due. Paging by UID lets one pass get past rows that keep failing.
   */
  pending(
    account: string,
    mailbox: string,
    uidValidity: string,
    afterUid: number,
    limit: number,
  ): Promise<MessageRow[]> {
    const at = this.now()
    return this.write(() =>
      this.db
        .select()
        .from(mailboxMessages)
        .where(
          and(
            eq(mailboxMessages.account, account),
            eq(mailboxMessages.mailbox, mailbox),
            eq(mailboxMessages.uidValidity, uidValidity),
            gt(mailboxMessages.uid, afterUid),
            or(
              inArray(mailboxMessages.state, UNFINISHED),
              and(eq(mailboxMessages.state, 'waiting'), lte(mailboxMessages.retryAt, at)),
            ),
          ),
        )
        .orderBy(asc(mailboxMessages.uid))
        .limit(limit),
    )
  }

  /** Held messages (their scan had failed) due for another scan. */
  dueRechecks(account: string, limit: number): Promise<MessageRow[]> {
    const at = this.now()
    return this.write(() =>
      this.db
        .select()
        .from(mailboxMessages)
        .where(
          and(
            eq(mailboxMessages.account, account),
            eq(mailboxMessages.state, 'acted'),
            isNotNull(mailboxMessages.retryAt),
            lte(mailboxMessages.retryAt, at),
          ),
        )
        .orderBy(asc(mailboxMessages.retryAt))
        .limit(limit),
    )
  }

  /** The latest other row of this account with the same bytes: where Moat last saw that message. */
  async lastSeenElsewhere(account: string, sha256: string, exceptId: number): Promise<MessageRow | null> {
    const rows = await this.write(() =>
      this.db
        .select()
        .from(mailboxMessages)
        .where(
          and(
            eq(mailboxMessages.account, account),
            eq(mailboxMessages.sha256, sha256),
            ne(mailboxMessages.id, exceptId),
          ),
        )
        .orderBy(desc(mailboxMessages.updatedAt), desc(mailboxMessages.id))
        .limit(1),
    )
    return rows[0] ?? null
  }

  async row(id: number): Promise<MessageRow | null> {
    const rows = await this.write(() => this.db.select().from(mailboxMessages).where(eq(mailboxMessages.id, id)))
    return rows[0] ?? null
  }

  /** Rows of an account found by internet Message-ID, newest first (for `moat release`). */
  byMessageId(account: string, messageId: string): Promise<MessageRow[]> {
    return this.write(() =>
      this.db
        .select()
        .from(mailboxMessages)
        .where(and(eq(mailboxMessages.account, account), eq(mailboxMessages.messageId, messageId)))
        .orderBy(desc(mailboxMessages.id)),
    )
  }

  /** Updates a row, and records an action with it in the same transaction when one is given. */
  async update(id: number, patch: MessagePatch, action?: ActionRecord): Promise<void> {
    const at = this.now()
    await this.write(() =>
      this.db.transaction(async (tx) => {
        const [row] = await tx
          .update(mailboxMessages)
          .set({ ...patch, updatedAt: at })
          .where(eq(mailboxMessages.id, id))
          .returning({ account: mailboxMessages.account })
        if (action && row)
          await tx.insert(mailboxActions).values({ ...action, messageRow: id, account: row.account, at })
      }),
    )
  }

  /** Adds a finished row at once (a message a person moved into Junk, learnt from). */
  async addFinished(
    values: Pick<MessageRow, 'account' | 'mailbox' | 'uidValidity' | 'uid'> & MessagePatch,
    action: ActionRecord,
  ): Promise<void> {
    const at = this.now()
    await this.write(() =>
      this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(mailboxMessages)
          .values({ state: 'acted', ...values, createdAt: at, updatedAt: at })
          .onConflictDoNothing()
          .returning({ id: mailboxMessages.id })
        if (row) await tx.insert(mailboxActions).values({ ...action, messageRow: row.id, account: values.account, at })
      }),
    )
  }

  /** Every action recorded for an account, oldest first. */
  actions(account: string): Promise<ActionRow[]> {
    return this.write(() =>
      this.db.select().from(mailboxActions).where(eq(mailboxActions.account, account)).orderBy(asc(mailboxActions.id)),
    )
  }

  /** Every row of an account, by mailbox and UID. */
  rows(account: string): Promise<MessageRow[]> {
    return this.write(() =>
      this.db
        .select()
        .from(mailboxMessages)
        .where(eq(mailboxMessages.account, account))
        .orderBy(asc(mailboxMessages.mailbox), asc(mailboxMessages.uid)),
    )
  }
}
