/** The engines built into the scanner host, in the order their results are listed. */
import type { Engine } from './engine.ts'
import { mimeEngine } from './mime/index.ts'
import { testStringEngine } from './test-string/index.ts'

export const BUILTIN_ENGINES: readonly Engine<unknown>[] = [mimeEngine, testStringEngine] as Engine<unknown>[]
