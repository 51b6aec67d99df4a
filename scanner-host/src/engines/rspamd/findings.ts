/** rspamdFindings: Rspamd's verdict as at most one finding, carrying Rspamd's score and its strongest symbols by their own names. */
import type { Finding, Severity } from '@moat/contract'
import type { RspamdCheck, RspamdSymbol } from './check.ts'
import type { RspamdConfig } from './config.ts'

/**
 * The codes this engine emits. One finding per message at most, scored with Rspamd's own score,
 * so Moat's total counts Rspamd's opinion once: the symbols behind it are evidence, never
 * findings of their own.
 */
export const RSPAMD_FINDING_CODES = {
  RSPAMD_REJECT: { severity: 'high', summary: 'Rspamd rates the message as spam it would refuse.' },
  RSPAMD_JUNK: { severity: 'medium', summary: 'Rspamd rates the message as probably spam.' },
  RSPAMD_SCORE: { severity: 'low', summary: 'Rspamd found some signs of spam, too few for it to act on.' },
} as const satisfies Record<string, { severity: Severity; summary: string }>

export type RspamdFindingCode = keyof typeof RSPAMD_FINDING_CODES

/** Rspamd's actions that refuse the message (`discard` and `quarantine` are custom actions some sites define). */
const REFUSING = new Set(['reject', 'discard', 'quarantine'])
/** Rspamd's actions that mark the message as spam and deliver it. */
const MARKING = new Set(['add header', 'rewrite subject'])
/** Symbols named in the finding's sentence; the evidence lists more. */
const SIGNS_IN_TEXT = 3

export function rspamdFindings(
  check: RspamdCheck,
  config: Pick<RspamdConfig, 'scoreWeight' | 'minScore' | 'maxSymbols'>,
): Finding[] {
  const code = codeFor(check, config.minScore)
  if (!code) return []
  // A refusal counts at least as much as Rspamd's refusal threshold, even when a rule forced the
  // action with a lower score: Rspamd's decision is the signal.
  const points = code === 'RSPAMD_REJECT' ? Math.max(check.score, check.requiredScore) : Math.max(check.score, 0)
  return [
    {
      code,
      severity: RSPAMD_FINDING_CODES[code].severity,
      score: round(points * config.scoreWeight),
      text: sentence(code, check),
      evidence: {
        score: round(check.score),
        requiredScore: round(check.requiredScore),
        action: check.action,
        symbols: check.symbols.slice(0, config.maxSymbols).map(formatSymbol),
        symbolCount: check.symbols.length,
        ...(check.smtpMessage ? { rspamdMessage: check.smtpMessage } : {}),
        ...(check.skipped ? { decidedByPrefilter: true } : {}),
      },
    },
  ]
}

function codeFor(check: RspamdCheck, minScore: number | null): RspamdFindingCode | null {
  if (REFUSING.has(check.action)) return 'RSPAMD_REJECT'
  if (MARKING.has(check.action)) return 'RSPAMD_JUNK'
  if (minScore !== null && check.score >= minScore) return 'RSPAMD_SCORE'
  return null
}

function sentence(code: RspamdFindingCode, check: RspamdCheck): string {
  const score = `score ${round(check.score)}; it refuses mail from ${round(check.requiredScore)}`
  const opening =
    code === 'RSPAMD_REJECT'
      ? `Rspamd rates this message as spam and would refuse it (${score})`
      : code === 'RSPAMD_JUNK'
        ? `Rspamd rates this message as probably spam (${score})`
        : `Rspamd found a few signs of spam (${score})`
  const text = `${opening}${signs(check)}`
  return text.length <= 500 ? text : text.slice(0, 497) + '...'
}

/** Rspamd's descriptions of its strongest spam signs (`Message date is in past`), or what its pre-filter said. */
function signs(check: RspamdCheck): string {
  if (check.skipped && check.smtpMessage) {
    const names = check.symbols.slice(0, SIGNS_IN_TEXT).map((s) => s.name)
    return `: ${check.smtpMessage}${names.length > 0 ? ` (${names.join(', ')})` : ''}.`
  }
  const spammy = check.symbols.filter((s) => s.score > 0).slice(0, SIGNS_IN_TEXT)
  if (spammy.length === 0) return '.'
  return `. Strongest signs: ${spammy.map((s) => s.description ?? s.name).join('; ')}.`
}

/** `HFILTER_HOSTNAME_UNKNOWN (+2.5)`: Rspamd's name and what it added. */
export function formatSymbol(symbol: RspamdSymbol): string {
  const score = round(symbol.score)
  return `${symbol.name} (${score > 0 ? '+' : ''}${score})`
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
