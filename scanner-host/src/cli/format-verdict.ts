/** Formats a verdict for people: action, score, reasons with evidence, engine timings. */
import type { EvidenceValue, Verdict } from '@moat/contract'
import { terminalSafe } from './terminal-safe.ts'

const ACTION_LABEL: Record<Verdict['action'], string> = {
  allow: 'ALLOW',
  flag: 'FLAG',
  quarantine: 'QUARANTINE',
  delete: 'DELETE',
}

export function formatVerdict(verdict: Verdict, origin: string): string {
  const { message } = verdict
  const lines = [
    origin,
    `  ${ACTION_LABEL[verdict.action]}  score ${verdict.score}  (policy ${verdict.policy})`,
    `  from ${message.from ?? '(none)'}  subject ${JSON.stringify(message.subject ?? '')}`,
    `  message-id ${message.messageId ?? '(none)'}  sha256 ${message.sha256.slice(0, 16)}…  ${message.size} bytes`,
  ]
  if (verdict.reasons.length === 0) lines.push('  no findings')
  for (const reason of verdict.reasons) {
    const points = reason.score > 0 ? `+${reason.score}` : String(reason.score)
    lines.push(`  ${reason.code} (${points}, ${reason.severity}, ${reason.source})`)
    lines.push(`      ${reason.text}`)
    const evidence = formatEvidence(reason.evidence)
    if (evidence) lines.push(`      ${evidence}`)
  }
  const { ran, skipped, failed } = verdict.engines
  lines.push(`  engines: ${ran.map((e) => `${e.name} ${e.durationMs.toFixed(1)}ms`).join(', ') || 'none'}`)
  if (skipped.length > 0) lines.push(`  skipped: ${skipped.map((e) => `${e.name} (${e.why})`).join(', ')}`)
  if (failed.length > 0) {
    lines.push(
      `  failed: ${failed.map((e) => `${e.name}${e.critical ? ' [critical]' : ''} ${e.errorCode}: ${e.why}`).join(', ')}`,
    )
  }
  // Names, subjects, texts and evidence are chosen by the sender: never let them drive the terminal.
  return terminalSafe(lines.join('\n'))
}

function formatEvidence(evidence: Record<string, EvidenceValue>): string {
  return Object.entries(evidence)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('  ')
    .slice(0, 400)
}
