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
    const learn = () => (file.spam ? learnSpam : learnHam)(raw, endpoint)
    // Rspamd 3.4's controller now and then cuts a connection mid-answer under load; learning the
    // same message twice changes nothing, so one retry is safe. What still fails is counted.
    const result = await learn().catch(() => learn().catch(() => null))
    counts[result ? result.outcome : 'failed']++
  })
  return counts
}
