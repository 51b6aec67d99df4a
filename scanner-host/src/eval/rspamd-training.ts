/** trainRspamd: teaches Rspamd's Bayes the same training messages Moat's learners get, through its controller. */
import { readCorpusMessage } from '../bench/corpus.ts'
import { eachLimited } from '../each-limited.ts'
import type { RspamdEndpoint } from '../engines/rspamd/config.ts'
import { learnHam, learnSpam, type LearnOutcome } from '../engines/rspamd/controller.ts'
import type { EvalFile } from './corpus-split.ts'

/** Learns at most this many at once: Rspamd writes each to Redis, and more only queue up. */
const CONCURRENCY = 4

/** Resolves with how many messages each outcome had. */
export async function trainRspamd(
  endpoint: RspamdEndpoint,
  files: readonly EvalFile[],
): Promise<Record<LearnOutcome | 'failed', number>> {
  const counts: Record<LearnOutcome | 'failed', number> = {
    learned: 0,
    'already-learned': 0,
    'not-learned': 0,
    failed: 0,
  }
  await eachLimited(files, CONCURRENCY, async (file) => {
    const { raw } = await readCorpusMessage(file.group, file.path)
    // A message Rspamd fails to take is counted, not fatal: the figures then say how many.
    const result = await (file.spam ? learnSpam : learnHam)(raw, endpoint).catch(() => null)
    counts[result ? result.outcome : 'failed']++
  })
  return counts
}
