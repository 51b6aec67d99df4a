/** The engines built into the scanner host, in the order their results are listed. */
import type { Engine } from './engine.ts'
import { attachmentsEngine } from './attachments/index.ts'
import { htmlEngine } from './html/index.ts'
import { impersonationEngine } from './impersonation/index.ts'
import { linksEngine } from './links/index.ts'
import { mimeEngine } from './mime/index.ts'
import { testStringEngine } from './test-string/index.ts'

export const BUILTIN_ENGINES: readonly Engine<unknown>[] = [
  mimeEngine,
  testStringEngine,
  attachmentsEngine,
  htmlEngine,
  impersonationEngine,
  linksEngine,
] as Engine<unknown>[]
