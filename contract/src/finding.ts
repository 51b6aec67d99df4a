/** Finding: one observation an engine makes about a message, with a stable code and evidence. */
import { z } from 'zod'

/** How bad a finding is on its own; policy turns it into a score (scores are per code). */
export const SeveritySchema = z.enum(['info', 'low', 'medium', 'high', 'critical'])
export type Severity = z.infer<typeof SeveritySchema>

/** Evidence values stay flat so every user interface can show them without knowing the engine. */
export const EvidenceValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])
export type EvidenceValue = z.infer<typeof EvidenceValueSchema>

/** SCREAMING_SNAKE, prefixed by the area it comes from: `ATTACH_EXECUTABLE`, `LINK_IP_HOST`. */
export const FindingCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{2,63}$/, 'finding codes are SCREAMING_SNAKE_CASE')

export const FindingSchema = z.object({
  code: FindingCodeSchema,
  severity: SeveritySchema,
  /** The engine's own suggested score; a policy score for the code wins over it. */
  score: z.number().finite().optional(),
  /** A plain sentence a mailbox owner understands. */
  text: z.string().min(1).max(500),
  /** What was seen: file names, hosts, header values. Flat key -> value. */
  evidence: z.record(z.string(), EvidenceValueSchema),
})
export type Finding = z.infer<typeof FindingSchema>
