import { describe, expect, it } from 'vitest'
import { VerdictSchema } from '@moat/contract'
import { corpusDir } from '../bench/corpus.ts'
import { runMoat } from '../testing/run-moat.ts'

describe('moat scan over the SpamAssassin corpus', () => {
  it('gives a contract-valid verdict for each of the 6,046 messages, with no engine failing', async () => {
    const run = await runMoat(['scan', '--json', '--ext', '.txt', corpusDir()], { timeoutMs: 120_000 })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const verdicts = run.stdout
      .trim()
      .split('\n')
      .map((line) => VerdictSchema.parse(JSON.parse(line)))
    expect(verdicts).toHaveLength(6046)
    const failures = verdicts.filter((v) => v.engines.failed.length > 0).map((v) => [v.origin, v.engines.failed])
    expect(failures).toEqual([])
  }, 150_000)
})
