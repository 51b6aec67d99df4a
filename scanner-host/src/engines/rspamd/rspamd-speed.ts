/** Rspamd alone over the SpamAssassin corpus, with Moat's configuration and envelopes: start-up, latency, throughput, verdicts. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CORPUS_GROUPS, listCorpus, readCorpusMessage } from '../../bench/corpus.ts'
import { startRspamd } from '../../daemons/rspamd/start-rspamd.ts'
import { TEST_HS_CACHE_DIR } from '../../daemons/rspamd/testing.ts'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { checkMessage } from './check.ts'
import { rspamdEnvelope, type RspamdEnvelope } from './envelope.ts'
import { createRspamdHttp } from './http.ts'

const USAGE = `usage: tsx scanner-host/src/engines/rspamd/rspamd-speed.ts [--clients 8] [--count N] [--dns stub|system|HOST:PORT] [--no-envelope]
  Starts Rspamd (and Redis) with Moat's configuration in a temporary folder, reads and parses the
  SpamAssassin corpus first (all of it, or N messages spread evenly over the groups), then sends
  every message to /checkv2 from the concurrent clients
  with the envelope the engine recovers. Prints start-up time, latency of 200 messages one at a
  time, throughput with N clients, and per group Rspamd's actions and score quantiles.`

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    count: { type: 'string', default: '0' },
    dns: { type: 'string', default: 'stub' },
    'no-envelope': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
})
const clients = Number(values.clients)
const count = Number(values.count)
if (values.help || !Number.isInteger(clients) || clients < 1 || !Number.isInteger(count) || count < 0) {
  console.log(USAGE)
  process.exit(values.help ? 0 : 2)
}

interface Item {
  group: string
  raw: Buffer
  envelope?: RspamdEnvelope
}
const items: Item[] = []
const corpus = await listCorpus(CORPUS_GROUPS)
const step = count > 0 ? Math.max(1, Math.floor(corpus.length / count)) : 1
for (const entry of corpus.filter((_, i) => i % step === 0).slice(0, count || undefined)) {
  const { raw } = await readCorpusMessage(entry.group, entry.path)
  const envelope = values['no-envelope'] ? undefined : rspamdEnvelope(await parseMessage(raw, DEFAULT_LIMITS), [])
  items.push({ group: entry.group, raw, ...(envelope ? { envelope } : {}) })
}

const workDir = mkdtempSync(join(tmpdir(), 'moat-rspamd-speed-'))
const startedAt = performance.now()
const rspamd = await startRspamd({ workDir, dnsServer: values.dns, hsCacheDir: TEST_HS_CACHE_DIR })
const startMs = performance.now() - startedAt
const http = createRspamdHttp(clients * 2)
try {
  const single: number[] = []
  for (const item of items.filter((_, i) => i % Math.ceil(items.length / 200) === 0)) {
    const t = performance.now()
    await checkMessage(item.raw, rspamd, { http, ...(item.envelope ? { envelope: item.envelope } : {}) })
    single.push(performance.now() - t)
  }

  const results: { group: string; score: number; action: string; ms: number }[] = []
  let next = 0
  let errors = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const item = items[next++]!
        const t = performance.now()
        try {
          const check = await checkMessage(item.raw, rspamd, {
            http,
            ...(item.envelope ? { envelope: item.envelope } : {}),
          })
          results.push({ group: item.group, score: check.score, action: check.action, ms: performance.now() - t })
        } catch {
          errors++
        }
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000

  console.log(
    `Rspamd ${rspamd.version}, DNS ${rspamd.dns.mode} (${rspamd.dns.why}), envelope ${!values['no-envelope']}`,
  )
  console.log(`start-up ${Math.round(startMs)} ms (Redis, DNS choice, configuration, Rspamd until /ping answers)`)
  console.log(`one at a time, ${single.length} messages: ${quantiles(single)}`)
  console.log(
    `${clients} clients, ${results.length} messages (${errors} errors): ${(results.length / seconds).toFixed(0)} messages/s; ${quantiles(results.map((r) => r.ms))}`,
  )
  for (const group of CORPUS_GROUPS) {
    const rows = results.filter((r) => r.group === group)
    const actions = new Map<string, number>()
    for (const r of rows) actions.set(r.action, (actions.get(r.action) ?? 0) + 1)
    const scores = rows.map((r) => r.score)
    const share = (n: number) => `${((100 * n) / rows.length).toFixed(1)}%`
    console.log(
      `${group} (${rows.length}): ${[...actions].map(([a, n]) => `${a} ${share(n)}`).join(', ')}; score ${quantiles(scores, '')}`,
    )
  }
} finally {
  http.close()
  await rspamd.stop()
  rmSync(workDir, { recursive: true, force: true })
}

function quantiles(values: number[], unit = ' ms'): string {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1)
  return `median ${at(0.5)}${unit}, p90 ${at(0.9)}${unit}, p99 ${at(0.99)}${unit}, max ${at(1)}${unit}`
}
