/** Speed of the auth engine over SpamAssassin corpus messages with a resolver that answers NXDOMAIN at once. */
import { parseArgs } from 'node:util'
import { CORPUS_GROUPS, listCorpus, readCorpusMessage } from '../../bench/corpus.ts'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { silentLogger } from '../../log.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { EMPTY_ORGANIZATION } from '../../policy/organization.ts'
import { createDeadline } from '../engine.ts'
import { AuthConfigSchema } from './config.ts'
import { type DnsResolver, dnsError } from './dns.ts'
import { createAuthEngine } from './index.ts'

const USAGE = `usage: tsx scanner-host/src/engines/auth/auth-speed.ts [--count N] [--received-by HOST]
  Scans N corpus messages (default 500, spread evenly over the five groups) with the auth engine and a
  resolver that answers every question "no such name" at once, so the time is mailauth's and Moat's own
  work: parsing headers, DKIM body hashes and key lookups, SPF and DMARC evaluation. --received-by sets
  receivedBy, so SPF runs too. Prints milliseconds per message (mean, median, p95, max) and the codes seen.`

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '500' },
    'received-by': { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const count = Number(values.count)
if (!Number.isInteger(count) || count < 1) {
  console.error(USAGE)
  process.exit(2)
}

let questions = 0
const nxdomain: DnsResolver = async (name) => {
  questions++
  throw dnsError('ENOTFOUND', `queryTxt ENOTFOUND ${name}`)
}

const all = await listCorpus(CORPUS_GROUPS)
const step = Math.max(1, Math.floor(all.length / count))
const picked = all.filter((_, i) => i % step === 0).slice(0, count)
const engine = createAuthEngine({ resolver: nxdomain })
const config = AuthConfigSchema.parse({ receivedBy: values['received-by'] })
const times: number[] = []
const codes = new Map<string, number>()
let errors = 0

for (const entry of picked) {
  const { raw } = await readCorpusMessage(entry.group, entry.path)
  const message = await parseMessage(raw, DEFAULT_LIMITS)
  const started = performance.now()
  const outcome = await engine.scan(message, {
    config,
    signal: new AbortController().signal,
    deadline: createDeadline(2000),
    limits: DEFAULT_LIMITS,
    organization: EMPTY_ORGANIZATION,
    log: silentLogger,
  })
  times.push(performance.now() - started)
  if (outcome.status !== 'ok') errors++
  else for (const f of outcome.findings) codes.set(f.code, (codes.get(f.code) ?? 0) + 1)
}

times.sort((a, b) => a - b)
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2)
const mean = times.reduce((s, t) => s + t, 0) / times.length
console.log(
  `auth engine, ${times.length} corpus messages, NXDOMAIN resolver, receivedBy [${config.receivedBy.join(', ')}]`,
)
console.log(`ms per message: mean ${mean.toFixed(2)}, median ${at(0.5)}, p95 ${at(0.95)}, max ${at(1)}`)
console.log(`DNS questions: ${questions} (${(questions / times.length).toFixed(1)} per message); errors: ${errors}`)
console.log(
  'codes:',
  [...codes]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', '),
)
