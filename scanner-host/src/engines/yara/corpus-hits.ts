/** Runs the yara engine over the SpamAssassin corpus: hits per rule per group and scan time per message (a script). */
import { listCorpus, readCorpusMessage, type CorpusGroup } from '../../bench/corpus.ts'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { createJsonLogger } from '../../log.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { OrganizationSchema } from '../../policy/organization.ts'
import { createDeadline, type EngineContext } from '../engine.ts'
import { createYaraEngine, YaraConfigSchema, type YaraConfig } from './index.ts'

// Usage: npx tsx scanner-host/src/engines/yara/corpus-hits.ts [RULES_DIR]
const engine = createYaraEngine()
const config = YaraConfigSchema.parse(process.argv[2] ? { rulesDir: process.argv[2] } : {})
const ctx = (): EngineContext<YaraConfig> => ({
  config,
  signal: new AbortController().signal,
  deadline: createDeadline(60_000),
  limits: DEFAULT_LIMITS,
  organization: OrganizationSchema.parse({}),
  log: createJsonLogger('warn'),
})

// Compiled before the first message, so the time per message is scanning alone.
const compileStarted = performance.now()
const health = await engine.health!({ config, signal: new AbortController().signal, log: createJsonLogger('warn') })
console.log(`${health.loaded} compiled in ${(performance.now() - compileStarted).toFixed(1)} ms (${health.state})`)

const hits = new Map<string, Map<CorpusGroup, string[]>>()
const times: number[] = []
let bytes = 0
const files = await listCorpus()
for (const { group, path } of files) {
  const { raw, name } = await readCorpusMessage(group, path)
  const message = await parseMessage(raw, DEFAULT_LIMITS)
  bytes += raw.length
  const started = performance.now()
  const outcome = await engine.scan(message, ctx())
  times.push(performance.now() - started)
  if (outcome.status !== 'ok') throw new Error(`${group}/${name}: ${outcome.status}`)
  for (const finding of outcome.findings) {
    const rule = String(finding.evidence.rule)
    const byGroup = hits.get(rule) ?? new Map<CorpusGroup, string[]>()
    byGroup.set(group, [...(byGroup.get(group) ?? []), `${name} (${String(finding.evidence.parts)})`])
    hits.set(rule, byGroup)
  }
}
await engine.close?.()

console.log(`${files.length} messages, ${(bytes / 1024 / 1024).toFixed(1)} MB, rules from ${config.rulesDir}`)
for (const [rule, byGroup] of hits) {
  console.log(`${rule}: ${[...byGroup].map(([g, names]) => `${g} ${names.length}`).join(', ')}`)
  for (const [g, names] of byGroup) for (const n of names.slice(0, 5)) console.log(`  ${g}/${n}`)
}
if (hits.size === 0) console.log('no rule matched any message')
const sorted = [...times].sort((a, b) => a - b)
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3)
const mean = times.reduce((a, b) => a + b, 0) / times.length
console.log(
  `engine scan per message (ms): mean ${mean.toFixed(3)}, p50 ${at(0.5)}, p95 ${at(0.95)}, p99 ${at(0.99)}, max ${at(1)}`,
)
