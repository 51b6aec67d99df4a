import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { VerdictSchema, type Verdict } from '@moat/contract'
import { runMoat } from '../testing/run-moat.ts'
import { buildSamples } from './samples.ts'

const EXAMPLE_POLICY = fileURLToPath(new URL('../../../examples/policy.yaml', import.meta.url))
const samples = buildSamples()
const dir = mkdtempSync(join(tmpdir(), 'moat-samples-'))
for (const sample of samples) writeFileSync(join(dir, `${sample.name}.eml`), sample.raw)

// One run of the real command line over every sample, under the example policy.
const run = await runMoat(['scan', '--json', '--policy', EXAMPLE_POLICY, dir])
const verdicts = new Map<string, Verdict>(
  run.stdout
    .trim()
    .split('\n')
    .map((line) => VerdictSchema.parse(JSON.parse(line)))
    .map((v) => [v.origin!.slice(dir.length + 1).replace(/\.eml$/, ''), v]),
)

describe('moat scan on the crafted samples', () => {
  it('scans every sample and exits 0', () => {
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect([...verdicts.keys()].sort()).toEqual(samples.map((s) => s.name).sort())
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
