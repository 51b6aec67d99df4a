// The IMAP watcher against a real Dovecot and a real Rspamd: quarantine, flag, release, monitor, delete, learning from moves, scan failures.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ImapFlow } from 'imapflow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningDovecot } from '../daemons/dovecot/start-dovecot.ts'
import { MOAT_TEST_STRING } from '../engines/test-string/index.ts'
import { builtinEngines } from '../engines/registry.ts'
import { withoutEngines } from '../eval/engine-sets.ts'
import { createJsonLogger, silentLogger } from '../log.ts'
import { createScanner } from '../pipeline/scan-message.ts'
import { withDaemonAddresses, daemonAddressesFromEnv } from '../policy/daemon-addresses.ts'
import { PolicySchema, type PolicyInput } from '../policy/policy.ts'
import { openLearningState, type LearningState } from '../state/learning-state.ts'
import { trainedRecord } from '../state/trained-store.ts'
import { buildMessage } from '../testing/build-message.ts'
import { eventually, listMailbox, openClient, startTestDovecot, testAccount } from '../testing/imap-fixture.ts'
import { startTcpSwitch, type TcpSwitch } from '../testing/tcp-switch.ts'
import { WatchConfigSchema, type Account } from './config/watch-config.ts'
import { KEYWORD_FLAGGED, KEYWORD_RELEASED } from './imap/imap-session.ts'
import { releaseMessage } from './release-message.ts'
import { ImapSession } from './imap/imap-session.ts'
import { watchMailboxes, type RunningWatchers } from './watch-mailboxes.ts'
import type { WatcherEvent } from './imap/account-watcher.ts'

const USERS = [
  'quarantine',
  'flag',
  'release',
  'monitor',
  'trash',
  'expunge',
  'learn',
  'hold',
  'leave',
  'restart',
] as const
let dovecot: RunningDovecot
let rspamd: TcpSwitch

beforeAll(async () => {
  dovecot = await startTestDovecot(USERS)
  const real = new URL(process.env.MOAT_RSPAMD_URL!)
  rspamd = await startTcpSwitch({ host: real.hostname, port: Number(real.port) })
}, 60_000)
afterAll(async () => {
  await rspamd?.close()
  await dovecot?.stop()
})

/** Moat's local engines and the real Rspamd (through the switch, critical as by default). */
function testPolicy(extra: PolicyInput = {}) {
  const base = PolicySchema.parse({
    ...extra,
    // Scripts in HTML flag a message here, so there is a message to flag.
    minimumActions: { HTML_SCRIPT: 'flag' },
    onScanFailure: { firstRetrySeconds: 0.2, maxRetrySeconds: 0.5, retries: 20, ...extra.onScanFailure },
  })
  const policy = withoutEngines(base, ['clamav', 'yara', 'model', 'auth', 'url-feeds'])
  return withDaemonAddresses(policy, {
    rspamd: { ...daemonAddressesFromEnv().rspamd, url: `http://127.0.0.1:${rspamd.port}` },
  })
}

interface Harness {
  client: ImapFlow
  account: Account
  state: LearningState
  watchers: RunningWatchers
  events: WatcherEvent[]
  stop(): Promise<void>
}

async function watch(
  user: string,
  accountOverrides: Partial<Account> = {},
  policyInput: PolicyInput = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'moat-test-watch-'))
  const state = await openLearningState(dataDir)
  const policy = testPolicy(policyInput)
  const scanner = createScanner({ policy, engines: builtinEngines(state) })
  const account = testAccount(dovecot, user, accountOverrides)
  const config = WatchConfigSchema.parse({ sweepSeconds: 0.3, reconnect: { minSeconds: 0.1, maxSeconds: 0.5 } })
  const events: WatcherEvent[] = []
  const watchers = watchMailboxes({
    config: { ...config, accounts: [account] },
    scanner,
    policy,
    state,
    dataDir,
    log: process.env.MOAT_TEST_LOG ? createJsonLogger('debug') : silentLogger,
    onEvent: (event) => events.push(event),
  })
  await eventually('the watcher to start', async () => events.some((e) => e.kind === 'watching'))
  const client = await openClient(dovecot, user)
  return {
    client,
    account,
    state,
    watchers,
    events,
    async stop() {
      await client.logout().catch(() => undefined)
      await watchers.stop()
      await scanner.close()
      state.close()
    },
  }
}

const clean = (id: string) => buildMessage({ messageId: `<${id}@example.org>`, text: 'Lunch on Friday at noon?' })
const testString = (id: string) =>
  buildMessage({ messageId: `<${id}@example.org>`, text: `Checking Moat: ${MOAT_TEST_STRING}` })
const ids = (entries: { messageId: string | null }[]) => entries.map((e) => e.messageId).sort()

async function settled(h: Harness, count: number) {
  return eventually(`${count} finished rows`, async () => {
    const rows = await h.watchers.store.rows(h.account.name)
    const done = rows.filter((r) => r.state === 'acted' || r.state === 'skipped')
    return done.length >= count && rows.every((r) => r.state === 'acted' || r.state === 'skipped') && rows
  })
}

describe('mailbox watcher on a real Dovecot', () => {
  it('moves the test string message to Quarantine and leaves clean mail in the inbox', async () => {
    const h = await watch('quarantine')
    try {
      await h.client.append('INBOX', testString('bad-1'))
      await h.client.append('INBOX', clean('good-1'))
      await eventually(
        'the test string in Quarantine',
        async () => (await listMailbox(h.client, 'Quarantine')).length === 1,
      )
      await settled(h, 2)
      expect(ids(await listMailbox(h.client, 'Quarantine'))).toEqual(['<bad-1@example.org>'])
      expect(ids(await listMailbox(h.client, 'INBOX'))).toEqual(['<good-1@example.org>'])
      const actions = await h.watchers.store.actions('quarantine')
      expect(actions.map((a) => a.action).sort()).toEqual(['allow', 'quarantine'])
      expect(actions.find((a) => a.action === 'quarantine')?.detail).toMatch(/MOAT_TEST_STRING/)
      // Dovecot's own log: the message was copied into Quarantine exactly once.
      const copies = dovecot.mailEvents().filter((e) => e.user === 'quarantine' && e.event.startsWith('copy'))
      expect(copies.map((e) => [e.box, e.messageId])).toEqual([['Quarantine', '<bad-1@example.org>']])
    } finally {
      await h.stop()
    }
  })

  it('flags a message whose verdict is flag, with \\Flagged and $MoatFlagged', async () => {
    const h = await watch('flag')
    try {
      await h.client.append(
        'INBOX',
        buildMessage({ messageId: '<flag-1@example.org>', html: '<p>Hi</p><script>go()</script>' }),
      )
      const [entry] = await eventually('the flag', async () => {
        const inbox = await listMailbox(h.client, 'INBOX')
        return inbox[0]?.flags.has(KEYWORD_FLAGGED) ? inbox : null
      })
      expect(entry!.flags.has('\\Flagged')).toBe(true)
      expect((await h.watchers.store.actions('flag')).map((a) => a.action)).toEqual(['flag'])
    } finally {
      await h.stop()
    }
  })

  it('releases a held message back to the inbox, where it is not held again', async () => {
    const h = await watch('release')
    try {
      await h.client.append('INBOX', testString('held-1'))
      const [row] = await settled(h, 1)
      expect(row!.location).toBe('Quarantine')
      const session = await ImapSession.connect(h.account, silentLogger)
      try {
        const uid = await releaseMessage(session, h.watchers.store, row!, { detail: 'released by a test' })
        expect(uid).toBeGreaterThan(0)
      } finally {
        await session.close()
      }
      const rows = await settled(h, 2)
      const arrival = rows.find((r) => r.id !== row!.id)!
      expect(arrival.outcome).toBe('released by Moat: not scanned again')
      const inbox = await listMailbox(h.client, 'INBOX')
      expect(ids(inbox)).toEqual(['<held-1@example.org>'])
      expect(inbox[0]!.flags.has(KEYWORD_RELEASED)).toBe(true)
      expect(await listMailbox(h.client, 'Quarantine')).toEqual([])
      expect((await h.watchers.store.actions('release')).map((a) => a.action)).toEqual(['quarantine', 'release'])
    } finally {
      await h.stop()
    }
  })

  it('moves nothing in monitor mode, but records each verdict', async () => {
    const h = await watch('monitor', { mode: 'monitor' })
    try {
      await h.client.append('INBOX', testString('mon-1'))
      await h.client.append('INBOX', clean('mon-2'))
      const rows = await settled(h, 2)
      expect(rows.map((r) => r.outcome).sort()).toEqual([
        'monitor mode: recorded, would allow',
        'monitor mode: recorded, would delete',
      ])
      expect(ids(await listMailbox(h.client, 'INBOX'))).toEqual(['<mon-1@example.org>', '<mon-2@example.org>'])
      expect(await listMailbox(h.client, 'Quarantine')).toEqual([])
    } finally {
      await h.stop()
    }
  })

  it('deletes by moving to Trash, or by expunging, when the account says so', async () => {
    const trash = await watch('trash', { deleteBy: 'trash' })
    try {
      await trash.client.append('INBOX', testString('del-1'))
      await settled(trash, 1)
      expect(ids(await listMailbox(trash.client, 'Trash'))).toEqual(['<del-1@example.org>'])
    } finally {
      await trash.stop()
    }
    const expunge = await watch('expunge', { deleteBy: 'expunge' })
    try {
      await expunge.client.append('INBOX', testString('del-2'))
      const [row] = await settled(expunge, 1)
      expect(row!.outcome).toBe('expunged')
      expect(await listMailbox(expunge.client, 'INBOX')).toEqual([])
    } finally {
      await expunge.stop()
    }
  })

  it('learns spam from a move into Junk and ham from a move back, once each', async () => {
    const h = await watch('learn')
    try {
      const raw = clean('learn-1')
      await h.client.append('INBOX', raw)
      await settled(h, 1)
      await h.client.mailboxOpen('INBOX')
      await h.client.messageMove('1:*', 'Junk')
      const sha = (await h.watchers.store.rows('learn'))[0]!.sha256!
      await eventually('spam learnt', async () => (await trainedRecord(h.state.db, sha))?.label === 'spam')
      await h.client.mailboxOpen('Junk')
      await h.client.messageMove('1:*', 'INBOX')
      await eventually('ham learnt', async () => (await trainedRecord(h.state.db, sha))?.label === 'ham')
      const rows = await settled(h, 3)
      expect(rows.map((r) => r.outcome)).toContain('moved back from Junk by its owner')
      // Back in the inbox and not scanned again: the owner's judgement stands.
      expect(ids(await listMailbox(h.client, 'INBOX'))).toEqual(['<learn-1@example.org>'])
      expect((await h.watchers.store.actions('learn')).map((a) => a.action)).toEqual([
        'allow',
        'learn-spam',
        'learn-ham',
      ])
    } finally {
      await h.stop()
    }
  })

  it('holds mail while Rspamd is down and releases it once a rescan allows it', async () => {
    const h = await watch('hold')
    try {
      rspamd.off()
      await h.client.append('INBOX', clean('hold-1'))
      const [held] = await eventually('the message held', async () => {
        const rows = await h.watchers.store.rows('hold')
        return rows[0]?.location === 'Quarantine' && rows
      })
      expect(held!.outcome).toMatch(/^held: rspamd failed/)
      expect(held!.retryAt).not.toBeNull()
      rspamd.on()
      await eventually('the release', async () => (await listMailbox(h.client, 'INBOX')).length === 1, 20_000)
      expect(await listMailbox(h.client, 'Quarantine')).toEqual([])
      const actions = (await h.watchers.store.actions('hold')).map((a) => a.action)
      expect(actions).toEqual(['quarantine', 'release'])
    } finally {
      rspamd.on()
      await h.stop()
    }
  })

  it('leaves mail in place while Rspamd is down when the policy says leave, and scans it again', async () => {
    const h = await watch('leave', {}, { onScanFailure: { whileFailing: 'leave' } })
    try {
      rspamd.off()
      await h.client.append('INBOX', testString('leave-1'))
      await eventually('a failed attempt', async () => (await h.watchers.store.rows('leave'))[0]?.state === 'waiting')
      expect(await listMailbox(h.client, 'Quarantine')).toEqual([])
      rspamd.on()
      await eventually('the quarantine', async () => (await listMailbox(h.client, 'Quarantine')).length === 1, 20_000)
      const [row] = await h.watchers.store.rows('leave')
      expect(row!.attempts).toBeGreaterThan(1)
    } finally {
      rspamd.on()
      await h.stop()
    }
  })

  it('reconnects after Dovecot restarts (with a new UIDVALIDITY) and catches up without duplicates', async () => {
    const h = await watch('restart')
    try {
      await h.client.append('INBOX', clean('before-1'))
      await settled(h, 1)
      await dovecot.stop()
      await eventually('the disconnect', async () => h.events.some((e) => e.kind === 'disconnected'))
      // Without its UID list and indexes Dovecot numbers the mailbox afresh under a new UIDVALIDITY
      // (RFC 9051 §2.3.1.1), as after a restore from backup.
      const maildir = join(dovecot.workDir, 'mail', 'restart')
      for (const file of readdirSync(maildir)) if (/^dovecot[-.](uidlist|index)/.test(file)) rmSync(join(maildir, file))
      await dovecot.start()
      const client = await openClient(dovecot, 'restart')
      try {
        await client.append('INBOX', testString('after-1'))
        await eventually('the new message held', async () => (await listMailbox(client, 'Quarantine')).length === 1)
        const rows = await settled(h, 3)
        expect(new Set(rows.map((r) => r.uidValidity)).size).toBe(2)
        expect(rows.map((r) => r.outcome)).toContain(
          'already handled under UIDVALIDITY ' + rows[0]!.uidValidity + ' (UID 1)',
        )
        expect(ids(await listMailbox(client, 'INBOX'))).toEqual(['<before-1@example.org>'])
        expect((await h.watchers.store.actions('restart')).map((a) => a.action)).toEqual(['allow', 'quarantine'])
      } finally {
        await client.logout()
      }
    } finally {
      h.client.close()
      await h.stop()
    }
  })
})
