import { describe, expect, it } from 'vitest'
import { runMoat } from '../testing/run-moat.ts'

describe('moat eval', () => {
  it('trains and tests from an empty state, prints both runs and ends with one JSON line', async () => {
    const run = await runMoat(['eval', '--limit', '80'], { timeoutMs: 170_000 })
    expect(run.code, run.stderr).toBe(0)
    const lines = run.stdout.trim().split('\n')
    expect(lines[0]).toContain('train 160 (easy-ham-1, spam-1), test 240 (easy-ham-2, hard-ham-1, spam-2)')
    const names = [
      'batch bayes alone',
      'batch rspamd alone',
      'batch own engines',
      'batch every engine',
      'online bayes alone',
      'online own engines',
    ]
    for (const name of names) {
      expect(lines.some((line) => line.startsWith(name))).toBe(true)
    }
    const figures = JSON.parse(lines.at(-1)!) as Record<string, unknown>
    const rates = ['recall', 'fpRate', 'hardHamFpRate', 'precision']
    const online = figures.online as Record<string, unknown>
    for (const part of [figures, figures.bayes, figures.ownEngines, figures.rspamd, online, online.bayes]) {
      for (const key of rates) expect((part as Record<string, number>)[key]).toBeGreaterThanOrEqual(0)
      for (const key of rates) expect((part as Record<string, number>)[key]).toBeLessThanOrEqual(1)
      expect((part as Record<string, number>).oneMinusRocaPct).toBeLessThan(50)
    }
    expect(figures).toMatchObject({ mode: 'batch', spam: 80, easyHam: 80, hardHam: 80 })
    // Even 80 messages a side teach the filter something: most test spam is caught.
    expect(figures.recall).toBeGreaterThan(0.5)
  }, 180_000)

  it('refuses a bad --limit', async () => {
    const run = await runMoat(['eval', '--limit', 'many'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('bad --limit')
  })
})
