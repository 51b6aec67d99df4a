import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACTIONS, VerdictSchema } from '@moat/contract'
import { campaignMessage, FIRST_COPY, VARIANTS } from '../testing/campaign.ts'
import { runMoat } from '../testing/run-moat.ts'

describe('a report changes the very next scan', () => {
  it('moat train --spam, --ham (moving it back) and --untrain each change the next moat scan', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'moat-report-'))
    const dataDir = join(dir, 'data')
    const reported = join(dir, 'reported.eml')
    const next = join(dir, 'next.eml')
    await writeFile(reported, campaignMessage(FIRST_COPY))
    await writeFile(next, campaignMessage(VARIANTS['another recipient']!))
    const scanNext = async () => {
      const run = await runMoat(['scan', '--json', next], { dataDir })
      expect(run.code, run.stderr).toBe(0)
      const verdict = VerdictSchema.parse(JSON.parse(run.stdout))
      // Only what the learning engines say: Rspamd, the model and the sender checks see the same
      // message the same way before and after a report.
      const learned = verdict.reasons.filter((r) => r.source === 'bayes' || r.source === 'tlsh')
      return { action: verdict.action, codes: learned.map((r) => r.code) }
    }
    const train = async (...args: string[]) => {
      const run = await runMoat(['train', ...args], { dataDir })
      expect(run.code, run.stderr).toBe(0)
      return run.stdout.trim()
    }

    const first = await scanNext()
    expect(first.codes).toEqual([])

    expect(await train('--spam', reported)).toBe('moat train: spam: 1 trained')
    const flagged = await scanNext()
    expect(flagged.codes).toContain('FINGERPRINT_REPORTED_SPAM')
    expect(ACTIONS.indexOf(flagged.action)).toBeGreaterThan(ACTIONS.indexOf(first.action))

    // The same report again changes nothing; "not junk" moves it, and its weight goes with it.
    expect(await train('--spam', reported)).toBe('moat train: spam: 1 unchanged')
    expect(await train('--ham', reported)).toBe('moat train: ham: 1 moved')
    expect((await scanNext()).codes).not.toContain('FINGERPRINT_REPORTED_SPAM')

    expect(await train('--untrain', '--spam', reported)).toBe('moat train: spam: 1 not-trained')
    expect(await train('--untrain', '--ham', reported)).toBe('moat train: ham: 1 untrained')
    expect(await train('--spam', reported)).toBe('moat train: spam: 1 trained')
    expect((await scanNext()).codes).toContain('FINGERPRINT_REPORTED_SPAM')
  }, 120_000)
})
