/** Reads Moat's meta fields (severity, score, description, reference) from a matched rule, with safe defaults. */
import { SeveritySchema, type Severity } from '@moat/contract'

export interface RuleMeta {
  severity: Severity
  /** Points the rule suggests; a policy score for YARA_MATCH would override every rule's. */
  score?: number
  description: string | null
  reference: string | null
}

/** A rule that does not say how bad its match is counts as medium: worth a look, not a hold on its own. */
export const DEFAULT_SEVERITY: Severity = 'medium'

/**
 * Largest score a rule may give itself. Moat's points run to 10 (quarantine) and 40 (delete);
 * community rules carry `score` on another scale (THOR and YARA-Forge use 40-100 for "suspicious" to
 * "malicious"), which would delete mail on one match. Such scores are ignored and severity decides.
 */
export const MAX_RULE_SCORE = 20

export function readMeta(meta: object): RuleMeta {
  const fields = meta as Record<string, unknown>
  const severity = SeveritySchema.safeParse(typeof fields.severity === 'string' ? fields.severity.toLowerCase() : null)
  const score = typeof fields.score === 'string' ? Number(fields.score) : fields.score
  const usableScore = typeof score === 'number' && Number.isFinite(score) && Math.abs(score) <= MAX_RULE_SCORE
  return {
    severity: severity.success ? severity.data : DEFAULT_SEVERITY,
    ...(usableScore ? { score } : {}),
    description: text(fields.description),
    reference: text(fields.reference),
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}
