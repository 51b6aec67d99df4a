/** Turns an AuthOutcome into findings: AUTH_ALIGNED_PASS when the From domain is authenticated, else what failed. */
import type { EvidenceValue, Finding, Severity } from '@moat/contract'
import type { Author } from './author.ts'
import { isAligned } from './dmarc.ts'
import type { AuthOutcome, DkimCheck } from './outcome.ts'

/**
 * An aligned pass is the only proof of the sender that allow entries honour, and when it holds,
 * failures of other identities (a forwarder breaking SPF, a second signature of a mailing
 * service) say nothing against it (RFC 7489 s6.6.2): they go into its evidence, not into findings.
 */
export function authFindings(outcome: AuthOutcome): Finding[] {
  const { fromDomain: domain, dmarc } = outcome
  const by = checkedBy(outcome)
  if (outcome.arc !== null || dmarc.alignedBy !== null) return [alignedPass(outcome)]

  const findings: Finding[] = []
  if (dmarc.result === 'fail') {
    const enforced = dmarc.policy === 'reject' || dmarc.policy === 'quarantine'
    const asks = enforced
      ? `, and ${domain} asks receivers to ${dmarc.policy} such mail (DMARC p=${dmarc.policy})`
      : dmarc.policy === 'none'
        ? `, and ${domain} only monitors such failures (DMARC p=none)`
        : ' (DMARC fails)'
    findings.push(
      finding(
        enforced ? 'AUTH_DMARC_FAIL' : 'AUTH_DMARC_FAIL_MONITOR',
        enforced ? 'high' : 'medium',
        `The message claims to come from ${domain}, but neither a signature of ${domain} nor the sending server proves it${asks}.`,
        { ...base(outcome), dmarcPolicy: dmarc.policy ?? 'unknown' },
      ),
    )
  }
  const spf = outcome.spf
  if (spf && (spf.result === 'fail' || spf.result === 'softfail')) {
    const soft = spf.result === 'softfail'
    const server = spf.clientIp
      ? `The server that delivered the message (${spf.clientIp})`
      : 'The server that delivered the message'
    findings.push(
      finding(
        soft ? 'AUTH_SPF_SOFTFAIL' : 'AUTH_SPF_FAIL',
        soft ? 'low' : 'medium',
        soft
          ? `${server} is probably not one that ${spf.domain} sends its mail from (SPF softfail).`
          : `${server} is not one that ${spf.domain} allows to send its mail (SPF fail).`,
        { spfDomain: spf.domain, spf: spf.result, clientIp: spf.clientIp ?? '', helo: spf.helo ?? '', checkedBy: by },
      ),
    )
  }
  // The From domain's own signature is the one that matters; others are listed after it.
  const failed = outcome.dkim
    .filter((s) => s.result === 'fail')
    .sort((a, b) => Number(isAligned(b.domain, domain, false)) - Number(isAligned(a.domain, domain, false)))
  if (failed[0]) {
    const first = failed[0]
    const others = failed.length - 1
    const more = others > 0 ? ` ${others} other signature${others > 1 ? 's do' : ' does'} not check out either.` : ''
    findings.push(
      finding(
        'AUTH_DKIM_FAIL',
        'medium',
        `The message carries a signature of ${first.domain} that does not check out: ${first.reason ?? 'it could not be verified'}.${more}`,
        {
          dkimDomains: failed.map((s) => s.domain),
          dkimSelectors: failed.map((s) => s.selector),
          reasons: failed.map((s) => s.reason ?? ''),
          checkedBy: by,
        },
      ),
    )
  }
  const unsure = dmarc.result === 'temperror' || outcome.dnsFailures.length > 0 || outcome.cutByDeadline
  if (unsure) findings.push(temperror(outcome))
  if (findings.length === 0 && (dmarc.result === 'none' || dmarc.result === 'unknown')) {
    findings.push(
      finding(
        'AUTH_NONE',
        'low',
        `Nothing proves that the message really comes from ${domain}: it has no valid signature of that domain, and no server of ${domain} was shown to have sent it.`,
        base(outcome),
      ),
    )
  }
  return findings
}

export function fromFinding(author: Extract<Author, { ok: false }>): Finding {
  const text = {
    missing: 'The message has no sender address (From), so nobody can be shown to have sent it.',
    multiple: `The message names more than one sender (From: ${author.shown}), so no single sender can be verified.`,
    invalid: `The sender address (From: ${author.shown}) has no valid domain, so it cannot be verified.`,
  }[author.problem]
  return finding('AUTH_FROM_UNVERIFIABLE', 'medium', text, { problem: author.problem, from: author.shown })
}

function alignedPass(outcome: AuthOutcome): Finding {
  const { fromDomain: domain, dmarc, arc } = outcome
  const by = checkedBy(outcome)
  let text: string
  let method: string
  if (arc) {
    method = 'arc'
    text = `The message really comes from ${domain}: ${arc.sealer}, which forwarded it, checked the sender before changing the message (ARC).`
  } else if (dmarc.alignedBy === 'dkim') {
    method = 'dkim'
    text = `The message really comes from ${domain}: it carries a valid signature of ${dmarc.alignedDomain ?? domain} (DKIM).`
  } else if (dmarc.alignedBy === 'spf') {
    method = 'spf'
    text = `The message really comes from ${domain}: it was sent by a server that ${dmarc.alignedDomain ?? domain} allows to send its mail (SPF).`
  } else {
    method = 'dmarc'
    text = `Your mail server (${by}) confirmed that the message really comes from ${domain} (DMARC).`
  }
  return finding('AUTH_ALIGNED_PASS', 'info', text, {
    ...base(outcome),
    method,
    ...(dmarc.alignedDomain ? { authenticatedDomain: dmarc.alignedDomain } : {}),
    ...(arc ? { arcSealer: arc.sealer, arcInstance: arc.instance, arcReported: arc.alignedBy } : {}),
  })
}

function temperror(outcome: AuthOutcome): Finding {
  const why = outcome.cutByDeadline ? 'the time for the check ran out' : 'the DNS lookups it needs failed'
  return finding(
    'AUTH_TEMPERROR',
    'info',
    `Moat could not finish checking that the message comes from ${outcome.fromDomain}: ${why}. The sender is not treated as verified.`,
    { ...base(outcome), dnsFailures: outcome.dnsFailures.slice(0, 10), cutByDeadline: outcome.cutByDeadline },
  )
}

/** What every auth finding shows: the domain, each method's result, and who checked. */
function base(outcome: AuthOutcome): Record<string, EvidenceValue> {
  const evidence: Record<string, EvidenceValue> = {
    fromDomain: outcome.fromDomain,
    dmarc: outcome.dmarc.result,
    checkedBy: checkedBy(outcome),
  }
  if (outcome.dmarc.policy) evidence.dmarcPolicy = outcome.dmarc.policy
  if (outcome.spf) {
    evidence.spf = outcome.spf.result
    evidence.spfDomain = outcome.spf.domain
    if (outcome.spf.clientIp) evidence.clientIp = outcome.spf.clientIp
  } else if (outcome.spfMissing) {
    evidence.spf = `not checked: ${outcome.spfMissing}`
  }
  if (outcome.dkim.length > 0) evidence.dkim = outcome.dkim.map(describeSignature)
  return evidence
}

function describeSignature(s: DkimCheck): string {
  return `${s.result} d=${s.domain}${s.selector ? ` s=${s.selector}` : ''}${s.reason ? ` (${s.reason})` : ''}`
}

function checkedBy(outcome: AuthOutcome): string {
  return outcome.checkedBy === 'moat' ? 'moat' : outcome.checkedBy.join(', ')
}

function finding(code: string, severity: Severity, text: string, evidence: Record<string, EvidenceValue>): Finding {
  return { code, severity, text: text.slice(0, 500), evidence }
}
