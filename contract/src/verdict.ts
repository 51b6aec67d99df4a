/** Verdict: the action Moat takes on one message, with every reason explained. */
import { z } from 'zod'
import { EvidenceValueSchema, FindingCodeSchema, SeveritySchema } from './finding.ts'
import { EngineErrorCodeSchema, EngineNameSchema } from './engine-result.ts'

/** Ordered from mildest to strongest; `decide` never lowers an action a rule demands. */
export const ACTIONS = ['allow', 'flag', 'quarantine', 'delete'] as const
export const ActionSchema = z.enum(ACTIONS)
export type Action = z.infer<typeof ActionSchema>

export const ReasonSchema = z.object({
  code: FindingCodeSchema,
  severity: SeveritySchema,
  /** Points this reason added to the verdict's score (negative for an honoured allow entry). */
  score: z.number().finite(),
  /** A plain sentence a mailbox owner understands. */
  text: z.string().min(1),
  evidence: z.record(z.string(), EvidenceValueSchema),
  /** The engine that found it, or `policy` for reasons `decide` adds itself (lists, failures). */
  source: z.string().min(1),
})
export type Reason = z.infer<typeof ReasonSchema>

/** The identity of a message as the mailbox owner sees it, plus the hash of its exact bytes. */
export const MessageIdentitySchema = z.object({
  messageId: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  from: z.string().nullable(),
  to: z.array(z.string()),
  subject: z.string().nullable(),
  /** ISO 8601, or null when the Date header is missing or unreadable. */
  date: z.string().nullable(),
})
export type MessageIdentity = z.infer<typeof MessageIdentitySchema>

export const EngineRunSchema = z.object({
  ran: z.array(z.object({ name: EngineNameSchema, durationMs: z.number().nonnegative(), findings: z.number().int() })),
  skipped: z.array(z.object({ name: EngineNameSchema, why: z.string() })),
  failed: z.array(
    z.object({
      name: EngineNameSchema,
      errorCode: EngineErrorCodeSchema,
      why: z.string(),
      critical: z.boolean(),
      durationMs: z.number().nonnegative(),
    }),
  ),
})
export type EngineRun = z.infer<typeof EngineRunSchema>

export const VerdictSchema = z.object({
  action: ActionSchema,
  score: z.number().finite(),
  /** Strongest first. Empty only for a clean message. */
  reasons: z.array(ReasonSchema),
  engines: EngineRunSchema,
  message: MessageIdentitySchema,
  /** Name of the policy that decided, so a verdict can be traced back to its rules. */
  policy: z.string(),
  /** Where the message was read from (a file path, a mailbox), when the caller knows it. */
  origin: z.string().optional(),
})
export type Verdict = z.infer<typeof VerdictSchema>

/** Compares actions by strength: `strongerAction('flag', 'quarantine') === 'quarantine'`. */
export function strongerAction(a: Action, b: Action): Action {
  return ACTIONS.indexOf(a) >= ACTIONS.indexOf(b) ? a : b
}
