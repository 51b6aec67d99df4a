// kill -9 of the real scanner host (`moat start`) at random points of a 200-message burst on a real Dovecot: nothing lost, nothing moved twice.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningDovecot } from '../daemons/dovecot/start-dovecot.ts'
import { MOAT_TEST_STRING } from '../engines/test-string/index.ts'
import { mulberry32 } from '../model/seeded-random.ts'
import { openLearningState } from '../state/learning-state.ts'
import { buildMessage } from '../testing/build-message.ts'
import { eventually, listMailbox, openClient, startTestDovecot } from '../testing/imap-fixture.ts'
import { accountConfigYaml, startMoatHost, stopMoatHost } from '../testing/moat-host.ts'
import { MailboxStore } from './mailbox-store.ts'

const BURST = 200
const KILLS = 6
let dovecot: RunningDovecot

beforeAll(async () => {
  dovecot = await startTestDovecot(['burst1', 'burst2'])
}, 60_000)
afterAll(async () => {
  await dovecot?.stop()
})

describe('scanner host killed with -9 during a burst', () => {
  for (const [round, user] of ['burst1', 'burst2'].entries()) {
    it(`round ${round + 1}: every message ends in the right mailbox, none moved twice, none skipped`, async () => {
      const seed = Date.now() + round
      console.log(`crash test ${user}: seed ${seed}`)
      const random = mulberry32(seed)
      const dataDir = mkdtempSync(join(tmpdir(), 'moat-test-crash-'))
      const configFile = join(dataDir, 'moat.yaml')
      writeFileSync(configFile, accountConfigYaml(user, dovecot.port))
      const client = await openClient(dovecot, user)
      const spam = new Set<string>()
      const clean = new Set<string>()
      let host = await startMoatHost(configFile, dataDir)
      try {
        // The burst goes in while the host is killed and restarted underneath it.
        const appending = (async () => {
          for (let i = 0; i < BURST; i++) {
            const id = `<${user}-${i}@example.org>`
            const bad = i % 4 === 0
            ;(bad ? spam : clean).add(id)
            const text = bad ? `Burst ${i}: ${MOAT_TEST_STRING}` : `Burst ${i}: the minutes of the meeting.`
            await client.append('INBOX', buildMessage({ messageId: id, text }))
            // About 25 a second: the burst spans most of the kills below.
            await sleep(30)
          }
        })()
        const heldAtKill: number[] = []
        for (let kill = 0; kill < KILLS; kill++) {
          await sleep(150 + random() * 900)
          await stopMoatHost(host, 'SIGKILL')
          heldAtKill.push(dovecot.mailEvents().filter((e) => e.user === user && e.event.startsWith('copy')).length)
          host = await startMoatHost(configFile, dataDir)
        }
        console.log(`crash test ${user}: messages held when each kill landed: ${heldAtKill.join(', ')} of ${BURST / 4}`)
        await appending
        await eventually(
          'every message in its place',
          async () => {
            const [inbox, quarantine] = [await listMailbox(client, 'INBOX'), await listMailbox(client, 'Quarantine')]
            return inbox.length + quarantine.length === BURST && quarantine.length === spam.size
          },
          60_000,
        )
      } finally {
        await stopMoatHost(host)
      }

      const inbox = (await listMailbox(client, 'INBOX')).map((m) => m.messageId!)
      const quarantine = (await listMailbox(client, 'Quarantine')).map((m) => m.messageId!)
      await client.logout()
      expect(inbox.sort()).toEqual([...clean].sort())
      expect(quarantine.sort()).toEqual([...spam].sort())

      // Dovecot's own log: each held message copied into Quarantine exactly once, clean ones never.
      const copies = new Map<string, number>()
      for (const event of dovecot.mailEvents()) {
        if (event.user === user && event.event.startsWith('copy'))
          copies.set(event.messageId, (copies.get(event.messageId) ?? 0) + 1)
      }
      expect([...copies.keys()].sort()).toEqual([...spam].sort())
      expect([...copies.values()].every((n) => n === 1)).toBe(true)

      // Moat's records: one row per UID, each finished, one quarantine action per held message.
      const state = await openLearningState(dataDir)
      try {
        const store = new MailboxStore(state)
        const rows = (await store.rows(user)).filter((r) => r.mailbox === 'INBOX')
        expect(rows.map((r) => r.uid)).toEqual(Array.from({ length: BURST }, (_, i) => i + 1))
        expect(rows.filter((r) => r.state !== 'acted')).toEqual([])
        const moves = (await store.actions(user)).filter((a) => a.action === 'quarantine')
        expect(moves).toHaveLength(spam.size)
        expect(new Set(moves.map((a) => a.messageRow)).size).toBe(spam.size)
      } finally {
        state.close()
      }
    }, 240_000)
  }
})
