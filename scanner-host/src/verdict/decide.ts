/** decide: a pure function from engine results, lists and policy to an explained Verdict. */
import {
  ACTIONS,
  FINDING_CODES,
  strongerAction,
  type Action,
  type EngineResult,
  type EngineRun,
  type MessageIdentity,
  type Reason,
  type Severity,
  type Verdict,
} from '@moat/contract'
import { matchingEntries, type Lists } from '../policy/lists.ts'
import type { Policy } from '../policy/policy.ts'

export interface DecideInput {
  results: readonly EngineResult[]
  identity: MessageIdentity
  /** The From address the lists are matched against. */
  sender: string | null
  lists: Lists
  policy: Policy
}

const SEVERITY_ORDER: Severity[] = ['info', 'low', 'medium', 'high', 'critical']

/**
 * Scores every finding by its code, applies lists and fail-closed rules, and picks the strongest
 * action that the score or any single reason demands.
 *
 * @example
 * const verdict = decide({ results, identity, sender: 'a@example.org', lists: EMPTY_LISTS, policy: DEFAULT_POLICY })
 * verdict.action // 'allow' | 'flag' | 'quarantine' | 'delete'
 */
export function decide(input: DecideInput): Verdict {
  const { results, policy } = input
  const reasons: Reason[] = [...findingReasons(results, policy), ...failureReasons(results, policy)]
  reasons.push(...listReasons(input, reasons))

  const score = round(reasons.reduce((sum, r) => sum + r.score, 0))
  let action = thresholdAction(score, policy)
  for (const reason of reasons) {
    const minimum = policy.minimumActions[reason.code]
    if (minimum) action = strongerAction(action, minimum)
  }

  reasons.sort((a, b) => b.score - a.score || SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity))
  return {
    action,
    score,
    reasons,
    engines: engineRun(results, policy),
    message: input.identity,
    policy: policy.name,
  }
}

/** Score of one finding: the policy's score for its code, else the engine's, else its severity's. */
export function scoreOf(code: string, severity: Severity, engineScore: number | undefined, policy: Policy): number {
  return policy.scores[code] ?? engineScore ?? policy.severityScores[severity]
}

function findingReasons(results: readonly EngineResult[], policy: Policy): Reason[] {
  const reasons: Reason[] = []
  for (const result of results) {
    if (result.status !== 'ok') continue
    for (const finding of result.findings) {
      reasons.push({
        code: finding.code,
        severity: finding.severity,
        score: scoreOf(finding.code, finding.severity, finding.score, policy),
        text: finding.text,
        evidence: finding.evidence,
        source: result.engine,
      })
    }
  }
  return reasons
}

/** An engine error is never clean: a critical one holds the message, any other is noted. */
function failureReasons(results: readonly EngineResult[], policy: Policy): Reason[] {
  const reasons: Reason[] = []
  for (const result of results) {
    if (result.status !== 'error') continue
    const critical = policy.criticalEngines.includes(result.engine)
    const code = critical ? 'ENGINE_FAILED_CRITICAL' : 'ENGINE_FAILED'
    const severity = FINDING_CODES[code].severity
    reasons.push({
      code,
      severity,
      score: scoreOf(code, severity, undefined, policy),
      text: critical
        ? `The ${result.engine} check could not finish (${result.why}), so the message is held until someone reviews it.`
        : `The ${result.engine} check could not finish (${result.why}); the verdict was made without it.`,
      evidence: { engine: result.engine, errorCode: result.errorCode, why: result.why },
      source: 'policy',
    })
  }
  return reasons
}

/** Block wins over allow; an allow entry counts only for an authenticated sender (or by policy). */
function listReasons(input: DecideInput, reasonsSoFar: readonly Reason[]): Reason[] {
  const { policy, sender } = input
  const blocked = matchingEntries(input.lists.block, sender)
  const allowed = matchingEntries(input.lists.allow, sender)
  if (blocked.length > 0) {
    const severity = FINDING_CODES.LIST_BLOCKED.severity
    return [
      {
        code: 'LIST_BLOCKED',
        severity,
        score: scoreOf('LIST_BLOCKED', severity, undefined, policy),
        text: `The sender ${sender} is on your organization's block list (${blocked[0]}).`,
        evidence: {
          sender: sender ?? '',
          entry: blocked[0]!,
          ...(allowed.length > 0 ? { ignoredAllowEntry: allowed[0]! } : {}),
        },
        source: 'policy',
      },
    ]
  }
  if (allowed.length === 0) return []

  const authenticated = reasonsSoFar.some((r) => policy.authenticatedCodes.includes(r.code))
  if (authenticated || policy.trustUnauthenticatedAllow) {
    return [
      {
        code: 'LIST_ALLOWED',
        severity: FINDING_CODES.LIST_ALLOWED.severity,
        score: policy.allowScore,
        text: authenticated
          ? `The sender ${sender} is on the allow list (${allowed[0]}) and proved who they are.`
          : `The sender ${sender} is on the allow list (${allowed[0]}); this policy trusts allow entries without proof of the sender.`,
        evidence: { sender: sender ?? '', entry: allowed[0]!, authenticated },
        source: 'policy',
      },
    ]
  }
  return [
    {
      code: 'LIST_ALLOW_UNAUTHENTICATED',
      severity: FINDING_CODES.LIST_ALLOW_UNAUTHENTICATED.severity,
      score: 0,
      text: `The sender ${sender} is on the allow list (${allowed[0]}), but nothing proved the message really comes from them, so the entry was not applied.`,
      evidence: { sender: sender ?? '', entry: allowed[0]!, authenticated: false },
      source: 'policy',
    },
  ]
}

function thresholdAction(score: number, policy: Policy): Action {
  const { thresholds } = policy
  if (score >= thresholds.delete) return 'delete'
  if (score >= thresholds.quarantine) return 'quarantine'
  if (score >= thresholds.flag) return 'flag'
  return ACTIONS[0]
}

function engineRun(results: readonly EngineResult[], policy: Policy): EngineRun {
  const run: EngineRun = { ran: [], skipped: [], failed: [] }
  for (const r of results) {
    if (r.status === 'ok') run.ran.push({ name: r.engine, durationMs: r.durationMs, findings: r.findings.length })
    else if (r.status === 'skipped') run.skipped.push({ name: r.engine, why: r.why })
    else
      run.failed.push({
        name: r.engine,
        errorCode: r.errorCode,
        why: r.why,
        critical: policy.criticalEngines.includes(r.engine),
        durationMs: r.durationMs,
      })
  }
  return run
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
