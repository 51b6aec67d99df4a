/** createTeacher: trains every learning engine there is (Moat's Bayes and fingerprints, Rspamd's Bayes) on one message a person judged. */
import { RspamdConfigSchema } from '../engines/rspamd/config.ts'
import { learnHam, learnSpam } from '../engines/rspamd/controller.ts'
import { DEFAULT_LIMITS } from '../limits.ts'
import type { Logger } from '../log.ts'
import { parseMessage } from '../message/parse-message.ts'
import { engineConfig } from '../policy/engine-config.ts'
import type { Policy } from '../policy/policy.ts'
import type { LearningState } from '../state/learning-state.ts'
import type { Label } from '../state/trained-store.ts'
import { learnMessage } from './learn-message.ts'
import { createLearners } from './learners.ts'

export interface Teacher {
  /**
   * Trains `raw` as `side`: once per message (training it again on the same side changes nothing;
   * on the other side takes the first training back). Resolves with what happened, in words.
   * Rspamd's failure is logged and noted, never thrown: Moat's own learners have learnt already.
   */
  teach(raw: Buffer, side: Label): Promise<string>
}

export function createTeacher(state: LearningState, policy: Policy, log: Logger): Teacher {
  const learners = createLearners(policy)
  const limits = { ...DEFAULT_LIMITS, ...policy.limits }
  const rspamd = policy.engines.rspamd?.enabled === false ? null : engineConfig(policy, 'rspamd', RspamdConfigSchema)
  return {
    async teach(raw, side) {
      const message = await parseMessage(raw, limits)
      const moat = await learnMessage(state, learners, { message, side })
      if (!rspamd?.password) return `Moat: ${moat}`
      try {
        const result = await (side === 'spam' ? learnSpam : learnHam)(raw, rspamd, {
          signal: AbortSignal.timeout(10_000),
        })
        return `Moat: ${moat}; Rspamd: ${result.outcome}`
      } catch (err) {
        log.warn('rspamd could not learn', { side, error: (err as Error).message })
        return `Moat: ${moat}; Rspamd: failed (${(err as Error).message})`
      }
    },
  }
}
