/** yara engine: YARA-X rules from folders, recompiled on edit, run on the raw message, its bodies and attachments. */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { defineEngine, ok, type Engine, type EngineOutcome } from '../engine.ts'
import { YaraConfigSchema, type YaraConfig } from './config.ts'
import { MatchCollector } from './findings.ts'
import { healthOf } from './health.ts'
import { RuleSets } from './rule-sets.ts'
import { scanParts } from './parts.ts'

export { DEFAULT_RULES_DIR, YaraConfigSchema, type YaraConfig } from './config.ts'
export { YARA_MATCH } from './findings.ts'

/** Each engine keeps its own compiled rules, released by `close()`. */
export function createYaraEngine(): Engine<YaraConfig> {
  const ruleSets = new RuleSets()
  return defineEngine({
    name: 'yara',
    description: "YARA-X rules (Moat's starter set and your own folders) on the message, its bodies and attachments.",
    configSchema: YaraConfigSchema,
    async scan(message, ctx) {
      const folders = ruleSets.refresh(ctx.config, ctx.log)
      const compiled = folders.flatMap((f) => (f.compiled ? [f.compiled] : []))
      // With no rules at all, a clean answer would vouch for checks that never ran.
      if (compiled.length === 0) {
        return {
          status: 'error',
          errorCode: 'Unavailable',
          why: folders.find((f) => f.error)?.error ?? 'no YARA rules',
        }
      }
      if (compiled.every((c) => c.ruleCount === 0)) {
        return { status: 'skipped', why: `There are no YARA rules in ${compiled.map((c) => c.dir).join(', ')}.` }
      }
      const collector = new MatchCollector()
      let index = 0
      for await (const part of scanParts(message, ctx)) {
        // Scanning is synchronous: the deadline is asked between parts, and other engines run between them.
        if (index++ > 0) await yieldToLoop()
        if (ctx.deadline.passed()) return timedOut()
        const data =
          part.data.length > ctx.config.maxScanBytes ? part.data.subarray(0, ctx.config.maxScanBytes) : part.data
        for (const folder of compiled) collector.add(folder, part.label, folder.rules.scan(data))
      }
      if (ctx.deadline.passed()) return timedOut()
      return ok(collector.findings())
    },
    async health(ctx) {
      return healthOf(ruleSets.refresh(ctx.config, ctx.log, true))
    },
    async close() {
      ruleSets.clear()
    },
  })
}

/** The pipeline discards late answers anyway; parts left unscanned must not pass for clean. */
function timedOut(): EngineOutcome {
  return { status: 'error', errorCode: 'Timeout', why: 'The deadline passed while the YARA rules were run.' }
}
