/** The learning state's tables (drizzle): what reports taught the Bayes filter and the fingerprint index. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * One row per message that was trained, keyed by the SHA-256 of its raw bytes, so training the same
 * message twice counts once, moving it to the other side corrects the counts, and untraining is
 * refused for a message that was never trained.
 */
export const trainedMessages = sqliteTable(
  'trained_messages',
  {
    sha256: text('sha256').primaryKey(),
    label: text('label', { enum: ['spam', 'ham'] }).notNull(),
    messageId: text('message_id'),
    subject: text('subject'),
    trainedAt: integer('trained_at').notNull(),
    /**
     * What each learner wrote for this message (JSON, by learner name: its words, its
     * fingerprints), so untraining or moving takes back exactly that, even after the tokenizer's
     * settings changed. About 2 KB a message.
     */
    features: text('features'),
  },
  (t) => [index('trained_messages_label').on(t.label)],
)

/**
 * Bayes word counts: in how many trained ham and spam messages each word appeared. `changedIn` is
 * the learning generation of the last change, so a reader holding the table in memory fetches only
 * what changed since; a word untrained to zero keeps its row for that reason.
 */
export const bayesWords = sqliteTable(
  'bayes_words',
  {
    word: text('word').primaryKey(),
    ham: integer('ham').notNull().default(0),
    spam: integer('spam').notNull().default(0),
    changedIn: integer('changed_in').notNull().default(0),
  },
  (t) => [index('bayes_words_changed_in').on(t.changedIn)],
)

/**
 * A TLSH fingerprint that reports mentioned: of a message body or of an attachment. Spam reports add
 * weight and ham reports take it away; an entry no report touched within the policy's time to live
 * no longer counts, and training prunes it.
 */
export const fingerprints = sqliteTable(
  'fingerprints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    digest: text('digest').notNull(),
    kind: text('kind', { enum: ['body', 'attachment'] }).notNull(),
    spamReports: integer('spam_reports').notNull().default(0),
    hamReports: integer('ham_reports').notNull().default(0),
    lastReportedAt: integer('last_reported_at').notNull(),
    /** The message the first report was about, so a match can say which report it resembles. */
    sampleSha256: text('sample_sha256').notNull(),
    sampleSubject: text('sample_subject'),
    sampleMessageId: text('sample_message_id'),
    /** What the fingerprint covers: `body`, or the attachment's file name. */
    sampleLabel: text('sample_label'),
  },
  (t) => [
    uniqueIndex('fingerprints_digest_kind').on(t.digest, t.kind),
    index('fingerprints_reported').on(t.lastReportedAt),
  ],
)

/**
 * The LSH index: each fingerprint's digest body cut into overlapping bands; `key` packs the band's
 * number and value into one integer so a lookup is one index probe per band.
 */
export const fingerprintBands = sqliteTable(
  'fingerprint_bands',
  {
    key: integer('key').notNull(),
    fingerprintId: integer('fingerprint_id')
      .notNull()
      .references(() => fingerprints.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.fingerprintId] }),
    index('fingerprint_bands_fingerprint').on(t.fingerprintId),
  ],
)

/**
 * Counters of the learning state. `generation` goes up with every committed training, so a
 * process can keep what it read in memory and know, with one primary-key read, when it went stale.
 */
export const learningMeta = sqliteTable('learning_meta', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
})

// The mailbox watcher's tables live in the same file: one database, one set of migrations.
export * from './mailbox-schema.ts'
