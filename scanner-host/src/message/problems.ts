/** Builds the findings that parsing reports about a message (codes from the contract catalogue). */
import { FINDING_CODES, type EvidenceValue, type Finding, type FindingCode } from '@moat/contract'

export function problem(code: FindingCode, text: string, evidence: Record<string, EvidenceValue>): Finding {
  return { code, severity: FINDING_CODES[code].severity, text, evidence }
}
