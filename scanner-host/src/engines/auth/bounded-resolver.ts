/** boundedResolver: one message's DNS, which never outlives the engine's deadline and remembers what failed. */
import type { DnsBreaker } from './dns-breaker.ts'
import { type DnsResolver, dnsError, errorCode, isNoData } from './dns.ts'

/**
 * Questions per message. SPF allows 10 lookups plus the first (RFC 7208 s4.6.4), DMARC two
 * (RFC 7489 s6.6.3), each DKIM signature or ARC seal one: 60 is far above honest mail and bounds
 * what a hostile message can make the scanner ask.
 */
const MAX_QUERIES = 60

export interface DnsTrace {
  /** Questions asked (answered from the per-message cache or not). */
  queries: number
  /** Questions that failed for another reason than "no such name": `name/TXT ETIMEOUT`. */
  failures: string[]
  /** True once the deadline cut a question short. */
  cut: boolean
  /** DKIM key names not asked because the message carries more signatures than are verified. */
  skippedKeys: Set<string>
}

export interface BoundedResolverOptions {
  /** Aborted when the engine's deadline passes. */
  signal: AbortSignal
  /** `performance.now()` value after which no question is asked or waited for. */
  endsAt: number
  /** Time for one question. */
  queryTimeoutMs: number
  /** Distinct DKIM/ARC key names (`selector._domainkey.domain`) asked for. */
  maxKeyQueries: number
  /** Shared across messages: learns that DNS is down, and then fails questions at once. */
  breaker?: DnsBreaker
}

/** Codes that come from a server that answered, so DNS itself works. */
const ANSWERED = new Set(['ENOTFOUND', 'ENODATA', 'ESERVFAIL', 'EREFUSED', 'EFORMERR', 'ENOTIMP', 'EBADRESP'])
/** Codes that mean no server answered at all. */
const SILENT = new Set(['ETIMEOUT', 'ECONNREFUSED'])

const KEY_NAME = /\._domainkey\./i

/**
 * Wraps `base` for one message: answers repeated questions once (the DMARC record and ARC keys
 * are asked for more than once), fails every question with ETIMEOUT once the deadline is near,
 * so mailauth reports temperror instead of hanging, and counts failures so that a DNS error is
 * never read as a verdict.
 */
export function boundedResolver(
  base: DnsResolver,
  options: BoundedResolverOptions,
): { resolve: DnsResolver; trace: DnsTrace } {
  const trace: DnsTrace = { queries: 0, failures: [], cut: false, skippedKeys: new Set() }
  const cache = new Map<string, Promise<unknown[]>>()
  let keyQueries = 0

  const ask = async (name: string, rrtype: string): Promise<unknown[]> => {
    if (KEY_NAME.test(name) && ++keyQueries > options.maxKeyQueries) {
      trace.skippedKeys.add(name.toLowerCase())
      throw dnsError('ENODATA', `not asked: more than ${options.maxKeyQueries} signatures`)
    }
    if (cache.size >= MAX_QUERIES) throw fail(name, rrtype, dnsError('ELIMIT', `more than ${MAX_QUERIES} questions`))
    const remaining = Math.min(options.queryTimeoutMs, options.endsAt - performance.now())
    if (options.signal.aborted || remaining <= 0) {
      trace.cut = true
      throw fail(name, rrtype, dnsError('ETIMEOUT', 'the time for the check ran out'))
    }
    if (options.breaker?.isOpen()) {
      trace.failures.push(`${name}/${rrtype} not asked: DNS is not answering`)
      throw dnsError('ETIMEOUT', 'DNS is not answering')
    }
    try {
      const answer = await withTimeout(base, name, rrtype, remaining, options.signal)
      options.breaker?.answered()
      return Array.isArray(answer) ? answer : []
    } catch (err) {
      const code = errorCode(err)
      const cut = code === 'ETIMEOUT' && (options.signal.aborted || performance.now() >= options.endsAt)
      // A question the deadline cut short says nothing about DNS itself.
      if (cut) trace.cut = true
      else if (SILENT.has(code)) options.breaker?.timedOut()
      else if (ANSWERED.has(code)) options.breaker?.answered()
      if (isNoData(err)) throw err
      throw fail(name, rrtype, err)
    }
  }

  const fail = (name: string, rrtype: string, err: unknown): unknown => {
    trace.failures.push(`${name}/${rrtype} ${errorCode(err)}`)
    return err
  }

  const resolve: DnsResolver = (name, rrtype) => {
    trace.queries++
    const key = `${name.toLowerCase()}/${rrtype}`
    let answer = cache.get(key)
    if (!answer) {
      answer = ask(name, rrtype)
      // Cached rejections are handled by whoever awaits them; this keeps an unawaited copy quiet.
      answer.catch(() => undefined)
      cache.set(key, answer)
    }
    return answer
  }
  return { resolve, trace }
}

/** `base(name, rrtype)`, failed with ETIMEOUT after `ms` or when `signal` aborts; the timer never outlives it. */
function withTimeout(
  base: DnsResolver,
  name: string,
  rrtype: string,
  ms: number,
  signal: AbortSignal,
): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', timeout)
    }
    const timeout = () => {
      settle()
      reject(dnsError('ETIMEOUT', `no DNS answer for ${name} within ${Math.round(ms)} ms`))
    }
    const timer = setTimeout(timeout, ms)
    signal.addEventListener('abort', timeout, { once: true })
    // A resolver that throws synchronously is handled like one that rejects.
    void Promise.resolve()
      .then(() => base(name, rrtype))
      .then(
        (answer) => {
          settle()
          resolve(answer)
        },
        (err: unknown) => {
          settle()
          reject(err instanceof Error ? err : dnsError('EFAILED', String(err)))
        },
      )
  })
}
