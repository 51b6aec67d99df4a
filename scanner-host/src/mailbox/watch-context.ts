/** WatchContext: what the watcher's steps share for one account (its connection, records, scanner, learning). */
import type { Logger } from '../log.ts'
import type { Scanner } from '../pipeline/scan-message.ts'
import type { Policy } from '../policy/policy.ts'
import type { Teacher } from '../learning/teach.ts'
import type { Account } from './config/watch-config.ts'
import type { ImapSession } from './imap/imap-session.ts'
import type { MailboxStore } from './mailbox-store.ts'

export interface WatchContext {
  account: Account
  session: ImapSession
  store: MailboxStore
  scanner: Scanner
  policy: Policy
  /** Null when there is no learning state to train. */
  teacher: Teacher | null
  log: Logger
  /** Messages scanned at once. */
  scanConcurrency: number
  now: () => number
}
