/** watchMailboxes: starts one watcher per configured account, sharing the scanner, the records and the learning. */
import type { Logger } from '../log.ts'
import type { Scanner } from '../pipeline/scan-message.ts'
import type { Policy } from '../policy/policy.ts'
import type { LearningState } from '../state/learning-state.ts'
import { createTeacher } from '../learning/teach.ts'
import type { WatchConfig } from './config/watch-config.ts'
import { AccountWatcher, type WatcherEvent } from './imap/account-watcher.ts'
import { takeInstanceLock } from './instance-lock.ts'
import { MailboxStore } from './mailbox-store.ts'

export interface WatchOptions {
  config: WatchConfig
  scanner: Scanner
  policy: Policy
  state: LearningState
  dataDir: string
  log: Logger
  onEvent?: (event: WatcherEvent) => void
}

export interface RunningWatchers {
  readonly store: MailboxStore
  stop(): Promise<void>
}

/** Throws LockError when another process already watches this data directory's mailboxes. */
export function watchMailboxes(options: WatchOptions): RunningWatchers {
  const { config } = options
  const releaseLock = takeInstanceLock(options.dataDir)
  const store = new MailboxStore(options.state)
  const teacher = createTeacher(options.state, options.policy, options.log)
  const watchers = config.accounts.map(
    (account) =>
      new AccountWatcher({
        account,
        store,
        scanner: options.scanner,
        policy: options.policy,
        teacher,
        log: options.log,
        sweepMs: config.sweepSeconds * 1000,
        reconnectMinMs: config.reconnect.minSeconds * 1000,
        reconnectMaxMs: config.reconnect.maxSeconds * 1000,
        scanConcurrency: config.scanConcurrency,
        onEvent: options.onEvent,
      }),
  )
  for (const watcher of watchers) watcher.start()
  return {
    store,
    async stop() {
      await Promise.allSettled(watchers.map((watcher) => watcher.stop()))
      releaseLock()
    },
  }
}
