import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { VerdictSchema, type Verdict } from '@moat/contract'
import { corpusDir } from '../../bench/corpus.ts'
import { campaignMessage, FIRST_COPY, VARIANTS } from '../../testing/campaign.ts'
import { runMoat } from '../../testing/run-moat.ts'

function verdictsOf(stdout: string): (Verdict & { origin: string })[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => ({ ...VerdictSchema.parse(JSON.parse(line)), origin: JSON.parse(line).origin as string }))
}

const proximity = (verdict: Verdict) => verdict.reasons.find((r) => r.code === 'FINGERPRINT_REPORTED_SPAM')

describe('a spam campaign, through moat train and moat scan', () => {
  it('catches every variant of a reported copy by proximity, and no unrelated ham', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'moat-campaign-'))
    const dataDir = join(dir, 'data')
    await mkdir(join(dir, 'variants'))
    await writeFile(join(dir, 'first.eml'), campaignMessage(FIRST_COPY))
    for (const [name, copy] of Object.entries(VARIANTS)) {
      await writeFile(join(dir, 'variants', `${name.replaceAll(' ', '-')}.eml`), campaignMessage(copy))
    }

    const before = await runMoat(['scan', '--json', join(dir, 'variants')], { dataDir })
    expect(before.code, before.stderr).toBe(0)
    expect(verdictsOf(before.stdout).filter(proximity)).toEqual([])

    const train = await runMoat(['train', '--spam', join(dir, 'first.eml')], { dataDir })
    expect(train.code, train.stderr).toBe(0)
    expect(train.stdout).toContain('spam: 1 trained')

    const after = verdictsOf((await runMoat(['scan', '--json', join(dir, 'variants')], { dataDir })).stdout)
    expect(after).toHaveLength(Object.keys(VARIANTS).length)
    for (const verdict of after) {
      const reason = proximity(verdict)
      expect(reason, verdict.origin).toBeDefined()
      expect(reason!.evidence.reportedSubject).toBe('Your parcel could not be delivered')
      expect(verdict.action, verdict.origin).not.toBe('allow')
    }

    // Unrelated good mail: a whole group of the public corpus.
    const ham = await runMoat(['scan', '--json', '--ext', '.txt', join(corpusDir(), 'easy-ham-2')], {
      dataDir,
      timeoutMs: 120_000,
    })
    const hamVerdicts = verdictsOf(ham.stdout)
    expect(hamVerdicts).toHaveLength(1400)
    expect(hamVerdicts.filter(proximity).map((v) => v.origin)).toEqual([])
  }, 180_000)
})
