import { describe, expect, it } from 'vitest'
import { runMoat } from '../testing/run-moat.ts'

describe('moat bench', () => {
  it('runs every engine in worker processes against its own Rspamd and clamd, and ends with one JSON line', async () => {
    const run = await runMoat(['bench', '--workers', '2', '--warmup', '10', '--limit', '300'], { timeoutMs: 150_000 })
    expect(run.code).toBe(0)
    const last = run.stdout.trim().split('\n').at(-1)!
    const figures = JSON.parse(last) as Record<string, number>
    expect(figures).toMatchObject({ messages: 300, workers: 2, engineErrors: 0 })
    expect(run.stdout).toMatch(/rspamd alone \d+ messages\/s/)
    const keys = ['msgsPerSec', 'mbPerSec', 'p50Ms', 'p99Ms', 'rssMb', 'parseOnlyMsgsPerSec', 'rspamdAloneMsgsPerSec']
    for (const key of [...keys, 'ratioToRspamd']) {
      expect(figures[key], key).toBeGreaterThan(0)
    }
  }, 160_000)
})
