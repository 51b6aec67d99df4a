/** assessSender: the trusted servers' Authentication-Results when there are some, else Moat's own check, as findings. */
import type { Finding } from '@moat/contract'
import type { Deadline, EngineContext } from '../engine.ts'
import type { ParsedMessage } from '../../message/parsed-message.ts'
import { arcVouch } from './arc.ts'
import { authorDomain } from './author.ts'
import { boundedResolver } from './bounded-resolver.ts'
import type { AuthConfig } from './config.ts'
import type { DnsBreaker } from './dns-breaker.ts'
import type { DnsResolver } from './dns.ts'
import { evaluateDmarc, lookupDmarcRecord } from './dmarc.ts'
import { authFindings, fromFinding } from './findings.ts'
import type { AuthOutcome, DmarcCheck } from './outcome.ts'
import { trustedResults, type TrustedResults } from './trusted-results.ts'
import { checkSender, type SenderCheck } from './verify.ts'

export interface Assessment {
  findings: Finding[]
  /** null when the From field left nothing to check. */
  outcome: AuthOutcome | null
}

export async function assessSender(
  message: ParsedMessage,
  ctx: EngineContext<AuthConfig>,
  base: DnsResolver,
  breaker?: DnsBreaker,
): Promise<Assessment> {
  const author = authorDomain(message)
  if (!author.ok) return { findings: [fromFinding(author)], outcome: null }
  const { config } = ctx
  const { resolve, trace } = boundedResolver(base, {
    signal: ctx.signal,
    endsAt: answerBy(ctx.deadline),
    queryTimeoutMs: config.dnsTimeoutMs,
    // The newest ARC set adds a message signature and a seal, each with its own key.
    maxKeyQueries: config.maxSignatures + 2,
    breaker,
  })
  const trusted = trustedResults(message.headers, config.trustedAuthservIds, author.domain)
  const check = trusted
    ? await fromTrusted(trusted, message, author.domain, config, resolve)
    : await checkSender(message, author.domain, config, resolve, trace)
  const outcome: AuthOutcome = {
    fromDomain: author.domain,
    checkedBy: trusted ? trusted.authservIds : 'moat',
    ...check,
    dnsFailures: trace.failures,
    cutByDeadline: trace.cut,
  }
  return { findings: authFindings(outcome), outcome }
}

/**
 * DNS stops a little before the engine's deadline, so that what was learnt by then is still
 * reported: the pipeline discards any answer that comes after it.
 */
function answerBy(deadline: Deadline): number {
  const remaining = deadline.at - performance.now()
  return deadline.at - Math.min(250, Math.max(10, remaining * 0.1))
}

/**
 * Results a trusted server reported are not checked again (RFC 8601 s5, s7.1). DNS is asked only
 * when it left DMARC out: for the record's policy and alignment mode.
 */
async function fromTrusted(
  t: TrustedResults,
  message: ParsedMessage,
  fromDomain: string,
  config: AuthConfig,
  resolve: DnsResolver,
): Promise<SenderCheck> {
  // Which reported pass aligns with From (relaxed, RFC 7489 s3.1), for the evidence.
  const aligned = evaluateDmarc(fromDomain, t.spf, t.dkim, null)
  let dmarc: DmarcCheck
  if (t.dmarc?.result === 'pass') {
    dmarc = { ...t.dmarc, alignedBy: aligned.alignedBy ?? 'dmarc', alignedDomain: aligned.alignedDomain }
  } else if (t.dmarc?.result === 'none') {
    dmarc = { ...t.dmarc, alignedBy: aligned.alignedBy, alignedDomain: aligned.alignedDomain }
  } else if (t.dmarc) {
    dmarc = t.dmarc
  } else {
    dmarc = evaluateDmarc(fromDomain, t.spf, t.dkim, await lookupDmarcRecord(fromDomain, resolve))
  }
  const arc =
    dmarc.alignedBy === null && t.arcPass && config.checkArc
      ? arcVouch(message.headers, config.trustedArcSealers, fromDomain)
      : null
  return {
    spf: t.spf,
    spfMissing: t.spf ? null : `${t.authservIds.join(', ')} reported no SPF result`,
    dkim: t.dkim,
    dmarc,
    arc,
  }
}
