import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ACTIONS, VerdictSchema, type Verdict } from '@moat/contract'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { runMoat } from '../testing/run-moat.ts'
import { buildSamples } from './samples.ts'

const EXAMPLE_POLICY = fileURLToPath(new URL('../../../examples/policy.yaml', import.meta.url))
const samples = buildSamples()
const dir = mkdtempSync(join(tmpdir(), 'moat-samples-'))
for (const sample of samples) writeFileSync(join(dir, `${sample.name}.eml`), sample.raw)

/**
 * The samples show what Moat's own engines find, so their expected verdicts are checked with the
 * engines that judge a message as a whole (Rspamd, the text model, sender checks) switched off:
 * those have their own tests, and crafted messages without Received or Date headers look odd to them.
 */
const ownEnginesPolicy = join(mkdtempSync(join(tmpdir(), 'moat-samples-policy-')), 'own-engines.yaml')
const example = parseYaml(readFileSync(EXAMPLE_POLICY, 'utf8')) as Record<string, unknown> & {
  criticalEngines: string[]
  engines: Record<string, Record<string, unknown>>
}
const WHOLE_MESSAGE_ENGINES = ['rspamd', 'model', 'auth']
for (const name of WHOLE_MESSAGE_ENGINES) example.engines[name] = { ...example.engines[name], enabled: false }
example.criticalEngines = example.criticalEngines.filter((name) => !WHOLE_MESSAGE_ENGINES.includes(name))
writeFileSync(ownEnginesPolicy, stringifyYaml(example))

// One run of the real command line over every sample, under each policy.
const run = await runMoat(['scan', '--json', '--policy', ownEnginesPolicy, dir])
const verdicts = verdictsByName(run.stdout)
const fullRun = await runMoat(['scan', '--json', '--policy', EXAMPLE_POLICY, dir])
const fullVerdicts = verdictsByName(fullRun.stdout)

function verdictsByName(stdout: string): Map<string, Verdict> {
  return new Map(
    stdout
      .trim()
      .split('\n')
      .map((line) => VerdictSchema.parse(JSON.parse(line)))
      .map((v) => [v.origin!.slice(dir.length + 1).replace(/\.eml$/, ''), v]),
  )
}

describe('moat scan on the crafted samples', () => {
  it('scans every sample and exits 0', () => {
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect([...verdicts.keys()].sort()).toEqual(samples.map((s) => s.name).sort())
  })

  it('scans every sample with every engine too, none failing and none judged more leniently', () => {
    expect(fullRun.stderr).toBe('')
    expect(fullRun.code).toBe(0)
    for (const sample of samples) {
      const verdict = fullVerdicts.get(sample.name)!
      expect(verdict.engines.failed, sample.name).toEqual([])
      expect(verdict.engines.ran.map((e) => e.name)).toEqual(expect.arrayContaining(WHOLE_MESSAGE_ENGINES))
      expect(ACTIONS.indexOf(verdict.action), sample.name).toBeGreaterThanOrEqual(ACTIONS.indexOf(sample.action))
      expect(verdict.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(sample.codes))
    }
  })

  it.each(samples.map((s) => [s.name, s] as const))('%s', (name, sample) => {
    const verdict = verdicts.get(name)!
    const codes = verdict.reasons.map((r) => r.code)
    expect(codes).toEqual(expect.arrayContaining(sample.codes))
    if (sample.codes.length === 0) expect(codes).toEqual([])
    expect(verdict.action).toBe(sample.action)
    expect(verdict.engines.failed).toEqual([])
    for (const reason of verdict.reasons) {
      expect(reason.text.length).toBeGreaterThan(20)
      expect(Object.keys(reason.evidence).length).toBeGreaterThan(0)
    }
  })
})
