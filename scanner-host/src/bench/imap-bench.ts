/** `npm run bench:imap`: mail appended to a real Dovecot at a steady rate; time from APPEND to Moat's action being visible. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { ImapFlow } from 'imapflow'
import { startDovecot } from '../daemons/dovecot/start-dovecot.ts'
import { MOAT_TEST_STRING } from '../engines/test-string/index.ts'
import { ensureMailbox, openClient, TEST_PASSWORD } from '../testing/imap-fixture.ts'
import { accountConfigYaml, startMoatHost, stopMoatHost } from '../testing/moat-host.ts'
import { listCorpus, readCorpusMessage } from './corpus.ts'
import { percentile } from './percentile.ts'

const USAGE = `usage: npm run bench:imap -- [--mailboxes 3] [--rate 20] [--seconds 60] [--policy FILE]
  Starts a private Dovecot and the real scanner host (moat start) watching N mailboxes with IDLE, appends
  SpamAssassin corpus messages at RATE per second for SECONDS, and times each from its APPEND to
  its move into Quarantine seen by another IMAP client. Every message carries Moat's test string
  in a header so every one is moved (the costliest action) while its content is scanned in full.
  The default policy runs Moat's local engines (no Rspamd, ClamAV, DNS sender checks or feeds).`

/** Moat's local engines: everything in-process; the daemons, DNS checks and feeds are off. */
const LOCAL_ENGINES_POLICY = `name: bench-local-engines
criticalEngines: [mime, attachments]
engines:
  rspamd: { enabled: false }
  clamav: { enabled: false }
  auth: { enabled: false }
  url-feeds: { enabled: false }
`

const { values } = parseArgs({
  options: {
    mailboxes: { type: 'string', default: '3' },
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '60' },
    policy: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const mailboxes = Number(values.mailboxes)
const rate = Number(values.rate)
const seconds = Number(values.seconds)
const total = Math.round(rate * seconds)

const work = mkdtempSync(join(tmpdir(), 'moat-bench-imap-'))
// Dovecot's unprivileged auth process reads its users file below this folder (mkdtemp makes it 700).
chmodSync(work, 0o755)
const users = Array.from({ length: mailboxes }, (_, i) => `bench${i + 1}`)
const dovecot = await startDovecot({
  workDir: join(work, 'dovecot'),
  users: users.map((user) => ({ user, pass: TEST_PASSWORD })),
})
const policyFile = values.policy ?? join(work, 'policy.yaml')
if (!values.policy) writeFileSync(policyFile, LOCAL_ENGINES_POLICY)
const configFile = join(work, 'moat.yaml')
const accounts = users.map((user) => accountConfigYaml(user, dovecot.port).split('\n').pop()).join('\n')
writeFileSync(configFile, `policy: ${policyFile}\nsweepSeconds: 30\naccounts:\n${accounts}\n`)

console.log(
  `bench:imap: ${mailboxes} mailboxes, ${rate} messages/s for ${seconds} s (${total} messages), policy ${policyFile}`,
)
const corpus = await listCorpus()
const messages = await Promise.all(
  Array.from({ length: total }, async (_, i) => {
    // Every 5th message of the corpus in turn: ham and spam of every group, in a fixed order.
    const file = corpus[(i * 5) % corpus.length]!
    const { raw } = await readCorpusMessage(file.group, file.path)
    return Buffer.concat([Buffer.from(`X-Moat-Bench-Id: ${i}\r\nX-Moat-Bench-Test: ${MOAT_TEST_STRING}\r\n`), raw])
  }),
)

const host = await startMoatHost(configFile, join(work, 'data'), mailboxes)
const appendedAt = new Map<number, number>()
const visibleAt = new Map<number, number>()
const appenders: ImapFlow[] = []
const observers: ImapFlow[] = []
const polls: NodeJS.Timeout[] = []
try {
  for (const user of users) {
    appenders.push(await openClient(dovecot, user))
    // Dovecot tells an IDLE client of changes 0.5 s late (it gathers them); a mail program that
    // asks sees them at once. The observer asks (NOOP) every 25 ms, so that delay is not measured twice.
    const observer = await openClient(dovecot, user, { disableAutoIdle: true })
    await ensureMailbox(observer, 'Quarantine')
    await observer.mailboxOpen('Quarantine')
    let seenUpTo = 0
    let reading = Promise.resolve()
    // EXISTS arrives while the observer IDLEs in Quarantine; the new messages' ids are read in turn.
    observer.on('exists', () => {
      const at = performance.now()
      reading = reading.then(async () => {
        const fetched = await observer.fetchAll(
          `${seenUpTo + 1}:*`,
          { uid: true, headers: ['x-moat-bench-id'] },
          { uid: true },
        )
        for (const message of fetched) {
          if (message.uid <= seenUpTo) continue
          seenUpTo = Math.max(seenUpTo, message.uid)
          const id = Number(/x-moat-bench-id:\s*(\d+)/i.exec(message.headers?.toString() ?? '')?.[1])
          if (Number.isInteger(id) && !visibleAt.has(id)) visibleAt.set(id, at)
        }
      })
    })
    observers.push(observer)
    polls.push(setInterval(() => void observer.noop().catch(() => undefined), 25))
  }

  const started = performance.now()
  const appends: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const client = appenders[i % mailboxes]!
    appends.push(
      client.append('INBOX', messages[i]!).then(() => {
        appendedAt.set(i, performance.now())
      }),
    )
  }
  await Promise.all(appends)
  const deadline = performance.now() + 60_000
  while (visibleAt.size < total && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100))

  const latencies = [...visibleAt.entries()]
    .filter(([id]) => appendedAt.has(id))
    .map(([id, at]) => Math.max(0, at - appendedAt.get(id)!))
    .sort((a, b) => a - b)
  const lastVisible = Math.max(...visibleAt.values())
  const msgsPerSec = visibleAt.size / ((lastVisible - started) / 1000)
  const p50Ms = percentile(latencies, 0.5)
  const p99Ms = percentile(latencies, 0.99)
  console.log(
    `moved and seen: ${visibleAt.size} of ${total} (${total - visibleAt.size} not seen within 60 s of the last APPEND)`,
  )
  console.log(
    `APPEND -> visible in Quarantine: p50 ${p50Ms.toFixed(0)} ms, p99 ${p99Ms.toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms`,
  )
  console.log(`throughput: ${msgsPerSec.toFixed(1)} messages/s (offered ${rate}/s)`)
  console.log(
    JSON.stringify({
      p50Ms: round(p50Ms),
      p99Ms: round(p99Ms),
      msgsPerSec: round(msgsPerSec),
      messages: total,
      seen: visibleAt.size,
      mailboxes,
      offeredPerSec: rate,
    }),
  )
} finally {
  for (const poll of polls) clearInterval(poll)
  for (const client of [...appenders, ...observers]) await client.logout().catch(() => undefined)
  await stopMoatHost(host)
  await dovecot.stop()
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}
