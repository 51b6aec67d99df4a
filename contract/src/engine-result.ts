/** EngineResult: what one engine returned for one message: ok with findings, skipped, or error. */
import { z } from 'zod'
import { FindingSchema } from './finding.ts'

/** Engine names are short kebab-case words: `attachments`, `rspamd`, `test-string`. */
export const EngineNameSchema = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/)

/** Why an engine errored, kept apart so a timeout never looks like a crash or a clean result. */
export const EngineErrorCodeSchema = z.enum(['Timeout', 'Threw', 'InvalidResult', 'Unavailable'])
export type EngineErrorCode = z.infer<typeof EngineErrorCodeSchema>

const base = {
  engine: EngineNameSchema,
  durationMs: z.number().nonnegative(),
}

export const EngineResultSchema = z.discriminatedUnion('status', [
  z.object({ ...base, status: z.literal('ok'), findings: z.array(FindingSchema) }),
  z.object({ ...base, status: z.literal('skipped'), why: z.string().min(1) }),
  z.object({
    ...base,
    status: z.literal('error'),
    errorCode: EngineErrorCodeSchema,
    why: z.string().min(1),
  }),
])
export type EngineResult = z.infer<typeof EngineResultSchema>
export type EngineStatus = EngineResult['status']
