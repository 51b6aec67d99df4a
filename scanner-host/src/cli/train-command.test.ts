import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { campaignMessage, FIRST_COPY } from '../testing/campaign.ts'
import { runMoat } from '../testing/run-moat.ts'

describe('moat train', () => {
  it('refuses input that is not mail, and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'moat-train-'))
    await writeFile(join(dir, 'notes.json'), '{"subject": "not a message"}\n')
    const run = await runMoat(['train', '--spam', join(dir, 'notes.json'), '--ham', '-'], {
      dataDir: join(dir, 'data'),
      stdin: Buffer.alloc(0),
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('notes.json: not an email message')
    expect(run.stderr).toContain('-: not an email message')
    expect(run.stdout).toBe('moat train: spam: nothing trained\nmoat train: ham: nothing trained\n')
  })

  it('trains in the order given, so the last report of a message wins', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'moat-train-'))
    const file = join(dir, 'm.eml')
    await writeFile(file, campaignMessage(FIRST_COPY))
    const run = await runMoat(['train', '--ham', file, '--spam', file], { dataDir: join(dir, 'data') })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toBe('moat train: spam: 1 moved\nmoat train: ham: 1 trained\n')
  })

  it('reads standard input once at most', async () => {
    const run = await runMoat(['train', '--spam', '-', '--ham', '-'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('standard input (-) can be read only once')
  })
})
