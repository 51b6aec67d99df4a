/** Test helpers: run the model engine on corpus files or built messages with a logger that records what it says. */
import { join } from 'node:path'
import { corpusDir, readCorpusMessage, type CorpusGroup } from '../../../bench/corpus.ts'
import { DEFAULT_LIMITS } from '../../../limits.ts'
import type { Logger } from '../../../log.ts'
import { parseMessage } from '../../../message/parse-message.ts'
import type { ParsedMessage } from '../../../message/parsed-message.ts'
import { OrganizationSchema } from '../../../policy/organization.ts'
import { createDeadline, type Engine, type EngineOutcome } from '../../engine.ts'
import type { ModelConfig } from '../config.ts'

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = []
  const at = (level: LogLine['level']) => (message: string) => void lines.push({ level, message })
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/** A corpus message by `group/file name`, parsed as the scanner parses. */
export async function corpusMessage(id: string): Promise<ParsedMessage> {
  const [group, name] = id.split('/') as [CorpusGroup, string]
  const { raw } = await readCorpusMessage(group, join(corpusDir(), group, name))
  return parseMessage(raw, DEFAULT_LIMITS)
}

export function scanLogged(
  engine: Engine<ModelConfig>,
  message: ParsedMessage,
  config: ModelConfig,
  log: Logger,
): Promise<EngineOutcome> {
  return engine.scan(message, {
    config,
    signal: new AbortController().signal,
    deadline: createDeadline(60_000),
    limits: DEFAULT_LIMITS,
    organization: OrganizationSchema.parse({}),
    log,
  })
}
