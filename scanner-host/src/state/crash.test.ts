import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { describe, expect, it } from 'vitest'
import { corpusDir, listCorpus, readCorpusMessage } from '../bench/corpus.ts'
import { createLearners } from '../learning/learners.ts'
import { learnMessage } from '../learning/learn-message.ts'
import { DEFAULT_LIMITS } from '../limits.ts'
import { parseMessage } from '../message/parse-message.ts'
import { DEFAULT_POLICY } from '../policy/policy.ts'
import { MOAT_BIN, moatEnv, runMoat } from '../testing/run-moat.ts'
import { openLearningState, STATE_FILE_NAME } from './learning-state.ts'

/** Every row of the learned tables, in a stable order: two states are equal when these are. */
async function snapshot(file: string) {
  const client = createClient({ url: `file:${file}` })
  try {
    const rows = async (sql: string) => (await client.execute(sql)).rows.map((r) => JSON.stringify(r))
    return {
      integrity: (await client.execute('PRAGMA integrity_check')).rows[0]![0],
      trained: await rows('SELECT sha256, label FROM trained_messages ORDER BY sha256'),
      words: await rows('SELECT word, ham, spam FROM bayes_words ORDER BY word'),
      fingerprints: await rows(
        'SELECT digest, kind, spam_reports, ham_reports FROM fingerprints ORDER BY digest, kind',
      ),
      bands: await rows(
        'SELECT b.key, f.digest FROM fingerprint_bands b JOIN fingerprints f ON f.id = b.fingerprint_id ORDER BY 1, 2',
      ),
    }
  } finally {
    client.close()
  }
}

/** Starts `moat train` on a folder and kills it with SIGKILL once it has reported `after` messages. */
function trainAndKill(folder: string, dataDir: string, after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MOAT_BIN, 'train', '--verbose', '--ext', '.txt', '--spam', folder], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: moatEnv(dataDir),
    })
    let lines = 0
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.stdout.on('data', (chunk: Buffer) => {
      lines += chunk.toString().split('\n').length - 1
      if (lines >= after) child.kill('SIGKILL')
    })
    child.on('error', reject)
    child.on('close', (_code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL') reject(new Error(`moat train ended by itself (${signal}) before it was killed`))
      else resolve(lines)
    })
  })
}

describe('the learning state under kill -9', () => {
  it('holds exactly the messages whose training committed, and training resumes from there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'moat-crash-'))
    const folder = join(corpusDir(), 'spam-2')
    const printed = await trainAndKill(folder, join(dir, 'killed'), 80)
    const killed = await snapshot(join(dir, 'killed', STATE_FILE_NAME))
    expect(killed.integrity).toBe('ok')
    // Lines are printed after each commit, so at least that many committed (one more may have).
    expect(killed.trained.length).toBeGreaterThanOrEqual(printed)

    // Train exactly the committed messages into a fresh state: the two must be identical.
    const committed = new Set(killed.trained.map((row) => (JSON.parse(row) as { sha256: string }).sha256))
    const reference = await openLearningState(join(dir, 'reference'))
    const learners = createLearners(DEFAULT_POLICY)
    for (const file of await listCorpus(['spam-2'])) {
      const { raw } = await readCorpusMessage(file.group, file.path)
      if (!committed.has(createHash('sha256').update(raw).digest('hex'))) continue
      await learnMessage(reference, learners, { message: await parseMessage(raw, DEFAULT_LIMITS), side: 'spam' })
    }
    reference.close()
    const expected = await snapshot(join(dir, 'reference', STATE_FILE_NAME))
    expect(killed.trained).toEqual(expected.trained)
    expect(killed.words).toEqual(expected.words)
    expect(killed.fingerprints).toEqual(expected.fingerprints)
    expect(killed.bands).toEqual(expected.bands)

    // Running the same training again skips what committed and finishes the rest.
    const resumed = await runMoat(['train', '--ext', '.txt', '--spam', folder], {
      dataDir: join(dir, 'killed'),
      timeoutMs: 120_000,
    })
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stdout).toMatch(new RegExp(`spam: \\d+ trained, ${committed.size} unchanged`))
  }, 180_000)
})
