/** Test helpers around a real Dovecot: start one, append mail, read a mailbox back, build account configs. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImapFlow, type ImapFlowOptions } from 'imapflow'
import { startDovecot, type RunningDovecot } from '../daemons/dovecot/start-dovecot.ts'
import { AccountSchema, type Account } from '../mailbox/config/watch-config.ts'

export const TEST_PASSWORD = 'moat-test-secret'

export interface MailboxEntry {
  uid: number
  messageId: string | null
  flags: Set<string>
}

export async function startTestDovecot(users: readonly string[]): Promise<RunningDovecot> {
  return startDovecot({
    workDir: mkdtempSync(join(tmpdir(), 'moat-test-dovecot-')),
    users: users.map((user) => ({ user, pass: TEST_PASSWORD })),
  })
}

/** An account of the watcher's configuration for `user` on the test server. */
export function testAccount(dovecot: RunningDovecot, user: string, overrides: Partial<Account> = {}): Account {
  return AccountSchema.parse({
    name: user,
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    user,
    pass: TEST_PASSWORD,
    ...overrides,
  })
}

/** A client of its own, as a mail program would be: appends and reads without touching the watcher's. */
export async function openClient(
  dovecot: RunningDovecot,
  user: string,
  options: Partial<ImapFlowOptions> = {},
): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user, pass: TEST_PASSWORD },
    logger: false,
    // IDLE soon after each command, so an observer hears of new mail at once (imapflow waits 15 s).
    autoIdleDelay: 20,
    ...options,
  })
  client.on('error', () => undefined)
  await client.connect()
  return client
}

export async function ensureMailbox(client: ImapFlow, mailbox: string): Promise<void> {
  const list = await client.list()
  if (!list.some((entry) => entry.path === mailbox)) await client.mailboxCreate(mailbox)
}

/** Every message of `mailbox` with its Message-ID and flags (the mailbox is created when missing). */
export async function listMailbox(client: ImapFlow, mailbox: string): Promise<MailboxEntry[]> {
  await ensureMailbox(client, mailbox)
  const lock = await client.getMailboxLock(mailbox)
  try {
    // A mailbox selected earlier keeps its old count until the server speaks: NOOP asks it to.
    await client.noop()
    if ((client.mailbox && client.mailbox.exists) === 0) return []
    const messages = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true })
    return messages.map((m) => ({ uid: m.uid, messageId: m.envelope?.messageId ?? null, flags: m.flags ?? new Set() }))
  } finally {
    lock.release()
  }
}

/** Waits until `check` holds, polling every 50 ms, for at most `timeoutMs`; throws with `what` otherwise. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
