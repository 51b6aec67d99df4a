/** Test helper: runs the clamav engine on an already parsed message, so that a burst of scans starts at once. */
import { createDeadline, type Engine, type EngineOutcome } from '../../engine.ts'
import { DEFAULT_LIMITS } from '../../../limits.ts'
import { silentLogger } from '../../../log.ts'
import type { ParsedMessage } from '../../../message/parsed-message.ts'
import { OrganizationSchema } from '../../../policy/organization.ts'
import type { ClamavConfig } from '../config.ts'

export function scanParsed(
  engine: Engine<ClamavConfig>,
  message: ParsedMessage,
  config: Partial<ClamavConfig>,
  signal: AbortSignal = new AbortController().signal,
): Promise<EngineOutcome> {
  return engine.scan(message, {
    config: engine.configSchema.parse(config),
    signal,
    deadline: createDeadline(60_000, signal),
    limits: DEFAULT_LIMITS,
    organization: OrganizationSchema.parse({}),
    log: silentLogger,
  })
}
