/** The engines built into the scanner host, in the order their results are listed. */
import type { LearningState } from '../state/learning-state.ts'
import type { Engine } from './engine.ts'
import { attachmentsEngine } from './attachments/index.ts'
import { createAuthEngine } from './auth/index.ts'
import { BayesConfigSchema, createBayesEngine } from './bayes/index.ts'
import { createClamavEngine } from './clamav/index.ts'
import { htmlEngine } from './html/index.ts'
import { impersonationEngine } from './impersonation/index.ts'
import { linksEngine } from './links/index.ts'
import { mimeEngine } from './mime/index.ts'
import { createRspamdEngine } from './rspamd/index.ts'
import { createModelEngine } from './model/index.ts'
import { testStringEngine } from './test-string/index.ts'
import { createTlshEngine, TlshConfigSchema } from './tlsh/index.ts'
import { createUrlFeedsEngine } from './url-feeds/index.ts'
import { createYaraEngine } from './yara/index.ts'

/** Engines that need nothing but the message and their config. */
export const STATELESS_ENGINES: readonly Engine<unknown>[] = [
  mimeEngine,
  testStringEngine,
  attachmentsEngine,
  htmlEngine,
  impersonationEngine,
  linksEngine,
] as Engine<unknown>[]

/**
 * Engines that hold something between messages: compiled rules, model sessions, feed indexes,
 * DNS resolvers, sockets to daemons. Each call makes fresh ones; the scanner's `close()` frees them.
 */
function resourceEngines(): Engine<unknown>[] {
  return [
    createAuthEngine(),
    createYaraEngine(),
    createModelEngine(),
    createUrlFeedsEngine(),
    createRspamdEngine(),
    createClamavEngine(),
  ] as Engine<unknown>[]
}

/**
 * Every built-in engine; the learning ones read reports from `state` on each scan. Without a state
 * (nothing was ever trained here) they skip every message and say why.
 */
export function builtinEngines(state: LearningState | null): Engine<unknown>[] {
  const learning = state ? [createBayesEngine(state), createTlshEngine(state)] : LEARNING_ENGINES_WITHOUT_STATE
  return [...STATELESS_ENGINES, ...resourceEngines(), ...learning] as Engine<unknown>[]
}

const LEARNING_ENGINES_WITHOUT_STATE = [
  { name: 'bayes', description: 'Junk filter trained from reports', configSchema: BayesConfigSchema },
  { name: 'tlsh', description: 'Fingerprint proximity to reported spam', configSchema: TlshConfigSchema },
].map(({ name, description, configSchema }): Engine<unknown> => ({
  name,
  description: `${description} (no learning state yet)`,
  configSchema,
  scan: async () => ({ status: 'skipped', why: 'Nothing has been reported here yet: there is no learning state.' }),
}))
