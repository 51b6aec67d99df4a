/** The mailbox watcher's tables (drizzle): a cursor per watched mailbox and each message's progress. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * How far the watcher has read a mailbox: every UID up to `lastUid` of this UIDVALIDITY has a row
 * in `mailbox_messages` (RFC 9051 §2.3.1.1: UIDs only rise within one UIDVALIDITY). The cursor and
 * the new rows are written in one transaction, so a crash never skips a message.
 */
export const mailboxCursors = sqliteTable(
  'mailbox_cursors',
  {
    account: text('account').notNull(),
    mailbox: text('mailbox').notNull(),
    /** A 32-bit unsigned number, kept as text like every IMAP identifier Moat stores. */
    uidValidity: text('uid_validity').notNull(),
    lastUid: integer('last_uid').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.mailbox] })],
)

/**
 * The states one message goes through, each persisted before the next step:
 * - `seen`: its UID is known, nothing else done;
 * - `waiting`: its scan failed and the policy said leave it and try again at `retryAt`;
 * - `scanned`: the verdict and planned action are stored, the action may or may not have happened;
 * - `acted`: done (also for monitor mode, where nothing is done but the record);
 * - `skipped`: not scanned, with the reason in `outcome` (released by Moat, moved back by a person,
 *   already handled under an earlier UIDVALIDITY, gone before it could be read).
 */
export const MESSAGE_STATES = ['seen', 'waiting', 'scanned', 'acted', 'skipped'] as const
export type MessageState = (typeof MESSAGE_STATES)[number]

export const mailboxMessages = sqliteTable(
  'mailbox_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    account: text('account').notNull(),
    /** Where the message arrived (the watched mailbox, or Junk for a person's move there). */
    mailbox: text('mailbox').notNull(),
    uidValidity: text('uid_validity').notNull(),
    uid: integer('uid').notNull(),
    state: text('state', { enum: MESSAGE_STATES }).notNull(),
    sha256: text('sha256'),
    messageId: text('message_id'),
    subject: text('subject'),
    size: integer('size'),
    /** The verdict's action (what the policy asked for), once scanned. */
    action: text('action', { enum: ['allow', 'flag', 'quarantine', 'delete'] }),
    /** The whole verdict as JSON, for the record and for the API later. */
    verdict: text('verdict'),
    /** Scans that failed so far (a critical engine down). */
    attempts: integer('attempts').notNull().default(0),
    /** When to scan again: a waiting message, or one held because its scan failed. */
    retryAt: integer('retry_at'),
    /** What was done, in words a log reader understands: `quarantined`, `flagged`, `released`… */
    outcome: text('outcome'),
    /** Where the message is now as far as Moat knows (after a move: the new mailbox and UID). */
    location: text('location'),
    locationUid: integer('location_uid'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('mailbox_messages_uid').on(t.account, t.mailbox, t.uidValidity, t.uid),
    index('mailbox_messages_sha256').on(t.account, t.sha256),
    index('mailbox_messages_pending').on(t.account, t.state),
    index('mailbox_messages_retry').on(t.account, t.retryAt),
  ],
)

/** Every action taken on a mailbox, in order: the local record an administrator can read back. */
export const mailboxActions = sqliteTable(
  'mailbox_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageRow: integer('message_row')
      .notNull()
      .references(() => mailboxMessages.id),
    account: text('account').notNull(),
    /** `quarantine`, `flag`, `delete`, `expunge`, `release`, `record` (monitor), `learn-spam`, `learn-ham`. */
    action: text('action').notNull(),
    fromMailbox: text('from_mailbox'),
    fromUid: integer('from_uid'),
    toMailbox: text('to_mailbox'),
    toUid: integer('to_uid'),
    /** Why, in a sentence (the verdict's strongest reason, the person's move…). */
    detail: text('detail'),
    at: integer('at').notNull(),
  },
  (t) => [index('mailbox_actions_message').on(t.messageRow)],
)
