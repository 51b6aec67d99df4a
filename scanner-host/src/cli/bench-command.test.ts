import { describe, expect, it } from 'vitest'
import { runMoat } from '../testing/run-moat.ts'

describe('moat bench', () => {
  it('runs the pipeline in worker processes and ends with one JSON line of figures', async () => {
    const run = await runMoat(['bench', '--workers', '2', '--warmup', '10', '--limit', '300'], { timeoutMs: 60_000 })
    expect(run.code).toBe(0)
    const last = run.stdout.trim().split('\n').at(-1)!
    const figures = JSON.parse(last) as Record<string, number>
    expect(figures).toMatchObject({ messages: 300, workers: 2, engineErrors: 0 })
    for (const key of ['msgsPerSec', 'mbPerSec', 'p50Ms', 'p99Ms', 'rssMb', 'parseOnlyMsgsPerSec']) {
      expect(figures[key], key).toBeGreaterThan(0)
    }
  })
})
