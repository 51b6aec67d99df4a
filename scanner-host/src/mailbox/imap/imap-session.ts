/** ImapSession: the few IMAP operations the watcher needs, over one imapflow connection to one account. */
import { createHash } from 'node:crypto'
import { ImapFlow, type ImapFlowOptions } from 'imapflow'
import type { Logger } from '../../log.ts'
import { readSecret, type Account } from '../config/watch-config.ts'

export interface OpenedMailbox {
  /** UIDVALIDITY as decimal text (RFC 9051 §2.3.1.1: a UID means something only with it). */
  uidValidity: string
  uidNext: number
}

export interface FetchedMessage {
  uid: number
  source: Buffer
  flags: Set<string>
}

/** Moat's own IMAP keywords (RFC 9051 §2.3.2: keywords are atoms a client may define). */
export const KEYWORD_FLAGGED = '$MoatFlagged'
/** Set on a message Moat moves back out of quarantine, so the watcher does not scan it again. */
export const KEYWORD_RELEASED = '$MoatReleased'

/** Candidates checked by their bytes when looking for a message Moat moved but did not record. */
const MAX_LOCATE_CANDIDATES = 50

export class ImapSession {
  readonly client: ImapFlow
  private readonly account: Account

  private constructor(account: Account, client: ImapFlow) {
    this.account = account
    this.client = client
  }

  /** Connects and logs in; the password or token is read now, so a rotated one is used. */
  static async connect(account: Account, log: Logger): Promise<ImapSession> {
    const auth: ImapFlowOptions['auth'] = account.oauth2
      ? { user: account.user, accessToken: await readSecret(account.oauth2.accessToken, `${account.name}: oauth2`) }
      : { user: account.user, pass: await readSecret(account.pass!, `${account.name}: pass`) }
    const client = new ImapFlow({
      host: account.host,
      port: account.port,
      secure: account.secure,
      tls: { rejectUnauthorized: account.verifyCertificate },
      auth,
      logger: imapLogger(log, account.name),
      // Watching means waiting: imapflow enters IDLE (RFC 2177) whenever no command runs.
      disableAutoIdle: false,
      // imapflow waits 15 s of quiet before IDLE by default, and a server only reports new mail
      // during IDLE or a command: that wait would be added to every message's delivery.
      autoIdleDelay: 20,
      // Dovecot and most servers drop an IDLE after 30 minutes (RFC 2177 asks clients to re-issue it).
      maxIdleTime: 10 * 60_000,
      connectionTimeout: 30_000,
      greetingTimeout: 15_000,
    })
    // Without a listener an 'error' event would throw out of the event loop; 'close' follows it.
    client.on('error', (err: Error) => log.warn('imap connection error', { account: account.name, error: err.message }))
    await client.connect()
    return new ImapSession(account, client)
  }

  get usable(): boolean {
    return this.client.usable
  }

  /** Selects `mailbox` unless it is selected already. */
  async open(mailbox: string): Promise<OpenedMailbox> {
    const current = this.client.mailbox
    const opened = current && current.path === mailbox ? current : await this.client.mailboxOpen(mailbox)
    return { uidValidity: opened.uidValidity.toString(), uidNext: opened.uidNext }
  }

  /** Creates `mailbox` when it does not exist yet. */
  async ensureMailbox(mailbox: string): Promise<void> {
    const list = await this.client.list()
    if (list.some((entry) => entry.path === mailbox)) return
    await this.client.mailboxCreate(mailbox)
  }

  /** UIDs of the open mailbox above `lastUid`, ascending. */
  async uidsAfter(lastUid: number): Promise<number[]> {
    const found = await this.client.search({ uid: `${lastUid + 1}:*` }, { uid: true })
    // "N:*" also matches the highest UID when it is below N (RFC 9051 §6.4.4): filter it out.
    return (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b)
  }

  /** Sizes (RFC822.SIZE) of the given UIDs in the open mailbox; missing UIDs are absent. */
  async sizes(uids: readonly number[]): Promise<Map<number, number>> {
    const sizes = new Map<number, number>()
    if (uids.length === 0) return sizes
    for (const message of await this.client.fetchAll(uids.join(','), { uid: true, size: true }, { uid: true })) {
      sizes.set(message.uid, message.size ?? 0)
    }
    return sizes
  }

  /** The raw bytes and flags of the given UIDs in the open mailbox; missing UIDs are absent. */
  async fetch(uids: readonly number[]): Promise<Map<number, FetchedMessage>> {
    const fetched = new Map<number, FetchedMessage>()
    if (uids.length === 0) return fetched
    const messages = await this.client.fetchAll(uids.join(','), { uid: true, flags: true, source: true }, { uid: true })
    for (const message of messages) {
      if (!message.source) continue
      fetched.set(message.uid, { uid: message.uid, source: message.source, flags: message.flags ?? new Set() })
    }
    return fetched
  }

  /**
   * UID MOVE (RFC 6851) of one message of the open mailbox; its UID in `destination` from COPYUID
   * (RFC 4315), or null when the server moved nothing (the UID is no longer there).
   */
  async move(uid: number, destination: string): Promise<number | null> {
    const result = await this.client.messageMove(String(uid), destination, { uid: true })
    return (result ? result.uidMap?.get(uid) : undefined) ?? null
  }

  async addFlags(uid: number, flags: readonly string[]): Promise<void> {
    await this.client.messageFlagsAdd(String(uid), [...flags], { uid: true })
  }

  /** \Deleted and UID EXPUNGE (RFC 4315) of this one message, leaving others marked \Deleted alone. */
  async expunge(uid: number): Promise<void> {
    await this.client.messageDelete(String(uid), { uid: true })
  }

  async hasUid(uid: number): Promise<boolean> {
    const found = await this.client.search({ uid: String(uid) }, { uid: true })
    return Boolean(found && found.includes(uid))
  }

  /**
   * Finds a message by its bytes in `mailbox` (which stays selected): for a move whose COPYUID was
   * lost to a crash. Candidates are narrowed by exact size and, when known, Message-ID.
   */
  async locate(
    mailbox: string,
    wanted: { sha256: string; size: number; messageId: string | null },
  ): Promise<number | null> {
    await this.open(mailbox)
    const query = wanted.messageId
      ? { header: { 'message-id': wanted.messageId } }
      : { larger: wanted.size - 1, smaller: wanted.size + 1 }
    const candidates = ((await this.client.search(query, { uid: true })) || []).slice(-MAX_LOCATE_CANDIDATES)
    for (const [uid, message] of await this.fetch(candidates)) {
      if (createHash('sha256').update(message.source).digest('hex') === wanted.sha256) return uid
    }
    return null
  }

  /** Logs out politely; a connection that is already gone is simply closed. */
  async close(): Promise<void> {
    try {
      if (this.client.usable) await this.client.logout()
    } catch {
      // Closing anyway below.
    }
    this.client.close()
  }

  toString(): string {
    return `${this.account.name} (${this.account.user}@${this.account.host}:${this.account.port})`
  }
}

/** imapflow's logger calls each level with one object; only its warnings and errors reach Moat's log. */
function imapLogger(log: Logger, account: string): NonNullable<ImapFlowOptions['logger']> {
  const text = (entry: unknown) => {
    const { msg, err } = (entry ?? {}) as { msg?: string; err?: Error }
    return { account, message: msg ?? '', error: err?.message }
  }
  return {
    debug() {},
    info() {},
    warn: (entry: unknown) => log.warn('imap', text(entry)),
    error: (entry: unknown) => log.error('imap', text(entry)),
  }
}
