/** The engines built into the scanner host, in the order their results are listed. */
import type { LearningState } from '../state/learning-state.ts'
import type { Engine } from './engine.ts'
import { attachmentsEngine } from './attachments/index.ts'
import { htmlEngine } from './html/index.ts'
import { impersonationEngine } from './impersonation/index.ts'
import { linksEngine } from './links/index.ts'
import { mimeEngine } from './mime/index.ts'
import { testStringEngine } from './test-string/index.ts'
import { createBayesEngine } from './bayes/index.ts'
import { createTlshEngine } from './tlsh/index.ts'

/** Engines that need nothing but the message and their config. */
export const STATELESS_ENGINES: readonly Engine<unknown>[] = [
  mimeEngine,
  testStringEngine,
  attachmentsEngine,
  htmlEngine,
  impersonationEngine,
  linksEngine,
] as Engine<unknown>[]

/** Every built-in engine; the learning ones read reports from `state` on each scan. */
export function builtinEngines(state: LearningState): Engine<unknown>[] {
  return [...STATELESS_ENGINES, createBayesEngine(state), createTlshEngine(state)] as Engine<unknown>[]
}
