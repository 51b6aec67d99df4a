/** AccountWatcher: keeps one IMAP account watched: connects, IDLEs, sweeps, reconnects with backoff, and runs each cycle. */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '../../log.ts'
import type { Scanner } from '../../pipeline/scan-message.ts'
import type { Policy } from '../../policy/policy.ts'
import type { Teacher } from '../../learning/teach.ts'
import type { Account } from '../config/watch-config.ts'
import { learnFromJunk } from '../learn-from-junk.ts'
import type { MailboxStore } from '../mailbox-store.ts'
import { processArrivals } from '../process-arrivals.ts'
import { recheckHeld } from '../recheck-held.ts'
import { backoffDelay } from '../retry-delay.ts'
import type { WatchContext } from '../watch-context.ts'
import { ImapSession } from './imap-session.ts'

export interface AccountWatcherOptions {
  account: Account
  store: MailboxStore
  scanner: Scanner
  policy: Policy
  teacher: Teacher | null
  log: Logger
  sweepMs: number
  reconnectMinMs: number
  reconnectMaxMs: number
  scanConcurrency: number
  /** Told each time the watcher starts reading a mailbox, and after each cycle (tests, start-up messages). */
  onEvent?: (event: WatcherEvent) => void
}

export type WatcherEvent =
  /** Connected and reading `mailbox` from the UID after `fromUid`. */
  | { kind: 'watching'; account: string; mailbox: string; uidValidity: string; fromUid: number }
  | { kind: 'cycle'; account: string; handled: number }
  | { kind: 'disconnected'; account: string; error: string; retryInMs: number }

export class AccountWatcher {
  private readonly options: AccountWatcherOptions
  private stopped = false
  private session: ImapSession | null = null
  /** Set by EXISTS, the sweep timer and start-up; a cycle runs while it is set. */
  private dirty = true
  private sweepDue = true
  /** Whether this connection has said `watching` yet. */
  private announced = false
  private wake: (() => void) | null = null
  private running: Promise<void> | null = null
  private readonly abort = new AbortController()

  constructor(options: AccountWatcherOptions) {
    this.options = options
  }

  start(): void {
    this.running ??= this.run()
  }

  /** Stops after the step in progress; the records say where to continue next time. */
  async stop(): Promise<void> {
    this.stopped = true
    this.abort.abort()
    this.wake?.()
    await this.session?.close()
    await this.running
  }

  private async run(): Promise<void> {
    const { account, log } = this.options
    let failures = 0
    while (!this.stopped) {
      try {
        await this.connectAndWatch(() => (failures = 0))
      } catch (err) {
        if (this.stopped) break
        const retryInMs = backoffDelay(failures++, this.options.reconnectMinMs, this.options.reconnectMaxMs)
        const error = (err as Error).message
        log.warn('imap watcher disconnected; reconnecting', { account: account.name, error, retryInMs })
        this.options.onEvent?.({ kind: 'disconnected', account: account.name, error, retryInMs })
        await sleep(retryInMs, undefined, { signal: this.abort.signal }).catch(() => undefined)
      } finally {
        await this.session?.close()
        this.session = null
      }
    }
  }

  /** One connection's life: returns or throws when it ends. */
  private async connectAndWatch(connected: () => void): Promise<void> {
    const { account } = this.options
    const session = await ImapSession.connect(account, this.options.log)
    this.session = session
    const closed = new Promise<void>((resolve) => session.client.once('close', () => resolve()))
    void closed.then(() => this.kick())
    session.client.on('exists', (event: { path: string }) => {
      if (event.path === account.mailbox) this.kick()
    })
    const sweep = setInterval(() => {
      this.sweepDue = true
      this.kick()
    }, this.options.sweepMs)
    try {
      await session.ensureMailbox(account.quarantineMailbox)
      if (account.learnFromMoves) await session.ensureMailbox(account.junkMailbox)
      if (account.deleteBy === 'trash') await session.ensureMailbox(account.trashMailbox)
      connected()
      this.announced = false
      // Anything that arrived while disconnected is caught by the cursor, and due retries by the sweep.
      this.dirty = true
      this.sweepDue = true
      while (!this.stopped && session.usable) {
        if (!this.dirty) await new Promise<void>((resolve) => (this.wake = resolve))
        this.wake = null
        if (this.stopped || !session.usable) break
        this.dirty = false
        await this.cycle(session)
      }
      if (!this.stopped) throw new Error('the server closed the connection')
    } finally {
      clearInterval(sweep)
    }
  }

  private kick(): void {
    this.dirty = true
    this.wake?.()
  }

  /** Reads what is new in the watched mailbox and acts on it; on a sweep also retries, rechecks and learns. */
  private async cycle(session: ImapSession): Promise<void> {
    const { account, store } = this.options
    const ctx: WatchContext = {
      account,
      session,
      store,
      scanner: this.options.scanner,
      policy: this.options.policy,
      teacher: this.options.teacher,
      log: this.options.log,
      scanConcurrency: this.options.scanConcurrency,
      now: Date.now,
    }
    const box = await session.open(account.mailbox)
    let cursor = await store.cursor(account.name, account.mailbox)
    if (!cursor || cursor.uidValidity !== box.uidValidity) {
      // First sight: new mail only (`moat backfill` reads the old). A new UIDVALIDITY: everything
      // again, and processArrivals skips what the records show was handled before (by its bytes).
      const fromUid = cursor ? 0 : box.uidNext - 1
      if (cursor) this.options.log.warn('UIDVALIDITY changed; reading the mailbox again', { account: account.name })
      cursor = { uidValidity: box.uidValidity, lastUid: fromUid }
      await store.setCursor(account.name, account.mailbox, cursor)
    }
    await store.addSeen(account.name, account.mailbox, box.uidValidity, await session.uidsAfter(cursor.lastUid))
    if (!this.announced) {
      this.announced = true
      this.options.onEvent?.({
        kind: 'watching',
        account: account.name,
        mailbox: account.mailbox,
        ...cursor,
        fromUid: cursor.lastUid,
      })
    }
    const handled = await processArrivals(ctx, account.mailbox, box.uidValidity)
    if (this.sweepDue) {
      this.sweepDue = false
      await recheckHeld(ctx)
      await learnFromJunk(ctx)
    }
    // Back to the watched mailbox, so IDLE reports its EXISTS.
    await session.open(account.mailbox)
    this.options.onEvent?.({ kind: 'cycle', account: account.name, handled })
  }
}
