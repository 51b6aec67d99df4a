// The mailbox commands through the real CLI and a real Dovecot: moat start --config holds, moat release brings back, moat backfill only reads.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningDovecot } from '../daemons/dovecot/start-dovecot.ts'
import { MOAT_TEST_STRING } from '../engines/test-string/index.ts'
import { buildMessage } from '../testing/build-message.ts'
import { eventually, listMailbox, openClient, startTestDovecot } from '../testing/imap-fixture.ts'
import { accountConfigYaml, startMoatHost, stopMoatHost } from '../testing/moat-host.ts'
import { runMoat } from '../testing/run-moat.ts'

let dovecot: RunningDovecot
beforeAll(async () => {
  dovecot = await startTestDovecot(['carol'])
}, 60_000)
afterAll(async () => {
  await dovecot?.stop()
})

describe('moat start, release and backfill on a real Dovecot', () => {
  it('holds the test string, releases it by Message-ID, and backfills without acting', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'moat-test-cli-mailbox-'))
    const config = join(dataDir, 'moat.yaml')
    writeFileSync(config, accountConfigYaml('carol', dovecot.port))
    const client = await openClient(dovecot, 'carol')
    try {
      const host = await startMoatHost(config, dataDir)
      try {
        await client.append('INBOX', buildMessage({ messageId: '<cli-1@example.org>', text: MOAT_TEST_STRING }))
        await client.append('INBOX', buildMessage({ messageId: '<cli-2@example.org>', text: 'See you tomorrow.' }))
        await eventually('the hold', async () => (await listMailbox(client, 'Quarantine')).length === 1)
      } finally {
        await stopMoatHost(host)
      }

      const release = await runMoat(
        ['release', '--config', config, '--account', 'carol', '--message-id', '<cli-1@example.org>'],
        { dataDir },
      )
      expect(release.stderr).toBe('')
      expect(release.stdout).toMatch(/<cli-1@example.org> moved from Quarantine back to INBOX \(UID \d+\)/)
      expect(release.code).toBe(0)
      expect((await listMailbox(client, 'INBOX')).map((m) => m.messageId).sort()).toEqual([
        '<cli-1@example.org>',
        '<cli-2@example.org>',
      ])
      const again = await runMoat(
        ['release', '--config', config, '--account', 'carol', '--message-id', '<cli-1@example.org>'],
        { dataDir },
      )
      expect(again.code).toBe(1)
      expect(again.stderr).toMatch(/is not held for carol: it is in INBOX/)

      const backfill = await runMoat(['backfill', '--config', config, '--account', 'carol'], { dataDir })
      expect(backfill.code).toBe(0)
      expect(backfill.stdout).toMatch(/\tDELETE\t.*MOAT_TEST_STRING/)
      expect(backfill.stdout).toMatch(/moat backfill: carol INBOX: 2 scanned: (1 delete, 1 allow|1 allow, 1 delete)/)
      expect(await listMailbox(client, 'Quarantine')).toEqual([])

      const unknown = await runMoat(['backfill', '--config', config, '--account', 'dave'], { dataDir })
      expect(unknown.code).not.toBe(0)
      expect(unknown.stderr).toMatch(/no account "dave" .*accounts: carol/)
    } finally {
      await client.logout()
    }
  }, 120_000)
})
