import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { VerdictSchema } from '@moat/contract'
import { MOAT_TEST_STRING } from '../engines/test-string/index.ts'
import { buildMessage } from '../testing/build-message.ts'
import { runMoat } from '../testing/run-moat.ts'

const dir = mkdtempSync(join(tmpdir(), 'moat-cli-'))
const clean = join(dir, 'clean.eml')
const marked = join(dir, 'marked.eml')
writeFileSync(clean, buildMessage({ subject: 'Lunch?', text: 'Shall we meet at noon?' }))
writeFileSync(marked, buildMessage({ subject: 'install check', text: `testing\n${MOAT_TEST_STRING}\n` }))
const lenient = join(dir, 'lenient.yaml')
writeFileSync(lenient, 'name: lenient\ncriticalEngines: []\n')

describe('moat scan', () => {
  it('prints a readable verdict per message', async () => {
    const run = await runMoat(['scan', '--policy', lenient, clean, marked])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`${clean}\n  ALLOW  score [\\d.]+  \\(policy lenient\\)`))
    expect(run.stdout).toContain(`${marked}\n  DELETE`)
    expect(run.stdout).toContain('MOAT_TEST_STRING (+15, critical, test-string)')
    expect(run.stdout).toMatch(/engines: mime \d+\.\d+ms, test-string/)
  })

  it('prints one contract-valid JSON verdict per line with --json, for files, folders and stdin', async () => {
    const nested = join(dir, 'folder', 'sub')
    mkdirSync(nested, { recursive: true })
    writeFileSync(join(nested, 'a.eml'), buildMessage({ text: 'a' }))
    writeFileSync(join(nested, 'notes.md'), 'not mail')
    const run = await runMoat(['scan', '--json', '--ext', '.eml', join(dir, 'folder'), '-'], {
      stdin: buildMessage({ text: MOAT_TEST_STRING }),
    })
    expect(run.code).toBe(0)
    const verdicts = run.stdout
      .trim()
      .split('\n')
      .map((line) => VerdictSchema.parse(JSON.parse(line)))
    expect(verdicts.map((v) => v.origin)).toEqual([join(nested, 'a.eml'), '-'])
    expect(verdicts[1]?.action).toBe('delete')
  })

  it('splits an mbox file into its messages', async () => {
    const mbox = join(dir, 'box.mbox')
    const one = buildMessage({ subject: 'one', text: 'first' })
    const two = buildMessage({ subject: 'two', text: 'second' })
    writeFileSync(
      mbox,
      `From a@example.org Fri Nov 20 10:00:00 2026\n${one}\n\nFrom b@example.org Fri Nov 20 10:01:00 2026\n${two}\n`,
    )
    const run = await runMoat(['scan', '--json', mbox])
    const verdicts = run.stdout
      .trim()
      .split('\n')
      .map((line) => VerdictSchema.parse(JSON.parse(line)))
    expect(verdicts.map((v) => [v.origin, v.message.subject])).toEqual([
      [`${mbox}#1`, 'one'],
      [`${mbox}#2`, 'two'],
    ])
  })

  it('exits 1 naming an unreadable input, after scanning the rest', async () => {
    const run = await runMoat(['scan', '--json', join(dir, 'missing.eml'), clean])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`moat scan: ${join(dir, 'missing.eml')}: no such file or folder`)
    expect(run.stdout.trim().split('\n')).toHaveLength(1)
  })

  it('exits 2 with a clear message on usage errors and bad policies', async () => {
    const none = await runMoat(['scan'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('give a file, a folder or -')

    const flag = await runMoat(['scan', '--colour', clean])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/Unknown option '--colour'/)

    const badPolicy = join(dir, 'bad.yaml')
    writeFileSync(badPolicy, 'thresholds:\n  flag: soon\n')
    const policy = await runMoat(['scan', '--policy', badPolicy, clean])
    expect(policy.code).toBe(2)
    expect(policy.stderr).toContain(`${badPolicy}: thresholds.flag:`)

    const command = await runMoat(['frobnicate'])
    expect(command.code).toBe(2)
    expect(command.stderr).toContain('unknown command "frobnicate"')
  })
})
