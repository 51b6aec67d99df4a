import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../log.ts'
import { findingsOf, runEngine } from '../../testing/engine-harness.ts'
import { createYaraEngine, type YaraConfig, YaraConfigSchema } from './index.ts'

let dir: string
let engine: ReturnType<typeof createYaraEngine>

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'moat-yara-'))
  engine = createYaraEngine()
})
afterEach(async () => {
  await engine.close?.()
  rmSync(dir, { recursive: true, force: true })
})

/** A nine-line rule that fires on `word`; the description makes the file's size differ per word. */
function ruleFor(name: string, word: string): string {
  return [
    `rule ${name} {`,
    '  meta:',
    `    description = "The message says ${word}."`,
    '    severity = "low"',
    '  strings:',
    `    $word = "${word}"`,
    '  condition:',
    '    $word',
    '}',
    '',
  ].join('\n')
}

const MESSAGE = { text: 'alpha beta gamma' }

/** Looks at the folder on every scan, so each edit counts at once. */
function options(extra: Partial<YaraConfig> = {}) {
  return { config: { rulesDir: dir, recheckMs: 0, ...extra } }
}

async function rulesOn(extra: Partial<YaraConfig> = {}): Promise<string[]> {
  return (await findingsOf(engine, MESSAGE, options(extra))).map((f) => String(f.evidence.rule)).sort()
}

function health(extra: Partial<YaraConfig> = {}) {
  const config = YaraConfigSchema.parse({ rulesDir: dir, recheckMs: 0, ...extra })
  return engine.health!({ config, signal: new AbortController().signal, log: silentLogger })
}

describe('yara rules folder', () => {
  it('compiles the rules once and recompiles when a file changes', async () => {
    writeFileSync(join(dir, 'words.yar'), ruleFor('Says_Alpha', 'alpha'))
    expect(await rulesOn()).toEqual(['Says_Alpha'])
    writeFileSync(join(dir, 'words.yar'), ruleFor('Says_Gamma_Now', 'gamma'))
    expect(await rulesOn()).toEqual(['Says_Gamma_Now'])
  })

  it('picks up added and removed files', async () => {
    writeFileSync(join(dir, 'a.yar'), ruleFor('Says_Alpha', 'alpha'))
    expect(await rulesOn()).toEqual(['Says_Alpha'])
    writeFileSync(join(dir, 'b.yara'), ruleFor('Says_Beta', 'beta'))
    expect(await rulesOn()).toEqual(['Says_Alpha', 'Says_Beta'])
    unlinkSync(join(dir, 'a.yar'))
    expect(await rulesOn()).toEqual(['Says_Beta'])
  })

  it('keeps the last good rules when an edit breaks them, and says so in health', async () => {
    writeFileSync(join(dir, 'a.yar'), ruleFor('Says_Alpha', 'alpha'))
    writeFileSync(join(dir, 'b.yar'), ruleFor('Says_Beta', 'beta'))
    expect(await rulesOn()).toEqual(['Says_Alpha', 'Says_Beta'])
    expect(await health()).toMatchObject({ state: 'ready', loaded: `2 rules from ${dir}` })

    // Line 11 of b.yar: nine lines of rule, an empty line, then the broken one.
    writeFileSync(join(dir, 'b.yar'), ruleFor('Says_Gamma', 'gamma') + '\nrule Broken { condition: no_such_thing }\n')
    expect(await rulesOn()).toEqual(['Says_Alpha', 'Says_Beta'])
    const broken = await health()
    expect(broken).toMatchObject({ state: 'degraded', loaded: `2 rules from ${dir}` })
    expect(broken.lastError).toContain('b.yar line 11: unknown identifier `no_such_thing`')

    writeFileSync(join(dir, 'b.yar'), ruleFor('Says_Gamma', 'gamma'))
    expect(await rulesOn()).toEqual(['Says_Alpha', 'Says_Gamma'])
    const fixed = await health()
    expect(fixed.state).toBe('ready')
    expect(fixed.lastError).toBeUndefined()
  })

  it('names the file of a rule declared twice across files', async () => {
    writeFileSync(join(dir, 'a.yar'), ruleFor('Says_Alpha', 'alpha'))
    expect(await rulesOn()).toEqual(['Says_Alpha'])
    writeFileSync(join(dir, 'b.yar'), ruleFor('Says_Alpha', 'beta'))
    expect(await rulesOn()).toEqual(['Says_Alpha'])
    expect((await health()).lastError).toContain('b.yar line 1: duplicate rule `Says_Alpha`')
  })

  it('looks again only after recheckMs, or when health is asked', async () => {
    writeFileSync(join(dir, 'a.yar'), ruleFor('Says_Alpha', 'alpha'))
    const hourly = { recheckMs: 3_600_000 }
    expect(await rulesOn(hourly)).toEqual(['Says_Alpha'])
    writeFileSync(join(dir, 'a.yar'), ruleFor('Says_Beta', 'beta'))
    expect(await rulesOn(hourly)).toEqual(['Says_Alpha'])
    await health(hourly)
    expect(await rulesOn(hourly)).toEqual(['Says_Beta'])
  })

  it('compiles once when watch is off', async () => {
    writeFileSync(join(dir, 'a.yar'), ruleFor('Says_Alpha', 'alpha'))
    expect(await rulesOn({ watch: false })).toEqual(['Says_Alpha'])
    writeFileSync(join(dir, 'a.yar'), ruleFor('Says_Beta', 'beta'))
    await health({ watch: false })
    expect(await rulesOn({ watch: false })).toEqual(['Says_Alpha'])
  })

  it('errors, never passes mail as clean, while a folder has no rules that compiled', async () => {
    const missing = join(dir, 'not-yet')
    const outcome = await runEngine(engine, MESSAGE, options({ rulesDir: missing }))
    expect(outcome).toMatchObject({ status: 'error', errorCode: 'Unavailable' })
    expect(outcome.status === 'error' && outcome.why).toContain(`The rules folder ${missing} cannot be read`)
    expect(await health({ rulesDir: missing })).toMatchObject({ state: 'down', loaded: 'no rules' })

    mkdirSync(missing)
    writeFileSync(join(missing, 'a.yar'), ruleFor('Says_Alpha', 'alpha'))
    expect(await rulesOn({ rulesDir: missing })).toEqual(['Says_Alpha'])
  })

  it('skips when the folder holds no rules', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'rule Not_A_Rule_File { condition: true }')
    writeFileSync(join(dir, '.swap.yar'), 'rule Editor_Swap { condition: true }')
    expect(await runEngine(engine, MESSAGE, options())).toMatchObject({ status: 'skipped' })
  })

  it('compiles extra folders on their own: names may repeat, and a broken one spares the rest', async () => {
    const extra = join(dir, 'extra')
    const broken = join(dir, 'broken')
    mkdirSync(extra)
    mkdirSync(broken)
    writeFileSync(join(dir, 'a.yar'), ruleFor('Says_Alpha', 'alpha'))
    writeFileSync(join(extra, 'a.yar'), ruleFor('Says_Alpha', 'beta'))
    writeFileSync(join(broken, 'x.yar'), 'rule {')
    const config = { extraRulesDirs: [extra, broken] }
    const findings = await findingsOf(engine, MESSAGE, options(config))
    expect(findings.map((f) => f.evidence.rule)).toEqual(['Says_Alpha', 'Says_Alpha'])
    expect(findings.map((f) => f.evidence.strings)).toEqual([['$word'], ['$word']])
    const state = await health(config)
    expect(state).toMatchObject({ state: 'degraded', loaded: `1 rule from ${dir}; 1 rule from ${extra}` })
    expect(state.lastError).toContain(`The rules in ${broken} do not compile: x.yar line 1:`)
  })
})

describe('yara rule meta', () => {
  it('defaults a rule without meta to medium, with a plain sentence naming the rule', async () => {
    writeFileSync(join(dir, 'bare.yar'), 'rule Bare_Rule { strings: $a = "alpha" condition: $a }')
    const [finding] = await findingsOf(engine, MESSAGE, options())
    expect(finding).toMatchObject({ code: 'YARA_MATCH', severity: 'medium' })
    expect(finding!.score).toBeUndefined()
    expect(finding!.text).toBe('The message matches the YARA rule Bare_Rule. Found in: text body.')
  })

  it("takes severity and score from the rule, but not a score on another tool's 0-100 scale", async () => {
    writeFileSync(
      join(dir, 'scored.yar'),
      [
        'rule Own_Score { meta: severity = "CRITICAL" score = "4.5" strings: $a = "alpha" condition: $a }',
        'rule Thor_Score { meta: severity = "loud" score = 65 strings: $a = "beta" condition: $a }',
      ].join('\n'),
    )
    const findings = await findingsOf(engine, MESSAGE, options())
    expect(findings.map((f) => [f.evidence.rule, f.severity, f.score])).toEqual([
      ['Own_Score', 'critical', 4.5],
      ['Thor_Score', 'medium', undefined],
    ])
  })
})
