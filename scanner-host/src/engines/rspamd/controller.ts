/** Rspamd's controller: learning spam and ham for Bayes, adding fuzzy hashes, and statistics, all behind its password. */
import { z } from 'zod'
import { defaultHttp, httpError, parseJson } from './check.ts'
import type { RspamdEndpoint } from './config.ts'
import { RspamdError, type RspamdHttp } from './http.ts'

export interface ControllerOptions {
  /** Defaults to 30 s. */
  signal?: AbortSignal
  http?: RspamdHttp
}

/**
 * - `learned`: Bayes took the message in.
 * - `already-learned`: Rspamd had learnt this very message as this class before (HTTP 208); nothing changed.
 * - `not-learned`: Rspamd declined it (HTTP 204): too few words for Bayes (11 tokens), or "all learn
 *   conditions denied learning" (Rspamd's stock classifier stops taking messages of a class once
 *   its Bayes is trained: in the eval, from about the 1,200th training message on); nothing changed.
 * Learning a message as the other class than before is `learned`: Rspamd moves it.
 */
export type LearnOutcome = 'learned' | 'already-learned' | 'not-learned'

export interface LearnResult {
  outcome: LearnOutcome
  /** Rspamd's own words, when it gave any. */
  detail: string
}

const DEFAULT_TIMEOUT_MS = 30_000

/** Teaches Rspamd's Bayes that `raw` is spam. Rejects with RspamdError when it could not. */
export function learnSpam(
  raw: Buffer,
  endpoint: RspamdEndpoint,
  options: ControllerOptions = {},
): Promise<LearnResult> {
  return learn('learnspam', raw, endpoint, options)
}

/** Teaches Rspamd's Bayes that `raw` is good mail. Rejects with RspamdError when it could not. */
export function learnHam(raw: Buffer, endpoint: RspamdEndpoint, options: ControllerOptions = {}): Promise<LearnResult> {
  return learn('learnham', raw, endpoint, options)
}

/** Rspamd's stock fuzzy flags (modules.d/fuzzy_check.conf): FUZZY_DENIED, FUZZY_PROB, FUZZY_WHITE. */
export const FUZZY_FLAGS = { denied: 1, probable: 2, white: 3 } as const

/**
 * Stores the message's fuzzy hashes with `flag` in Moat's fuzzy storage, so near copies match
 * FUZZY_DENIED (spam), FUZZY_PROB or FUZZY_WHITE. Parts under 1 KB are not hashed (fuzzy_check's
 * min_bytes), so a short message adds nothing. Rejects with RspamdError when it could not.
 */
export async function addFuzzy(
  raw: Buffer,
  endpoint: RspamdEndpoint,
  flag: keyof typeof FUZZY_FLAGS,
  options: ControllerOptions & { weight?: number } = {},
): Promise<LearnResult> {
  const url = `${endpoint.controllerUrl}/fuzzyadd`
  const answer = await send('POST', url, endpoint, options, raw, {
    Flag: String(FUZZY_FLAGS[flag]),
    Weight: String(options.weight ?? 10),
  })
  if (answer.status === 200) return { outcome: 'learned', detail: '' }
  if (answer.status === 204) return { outcome: 'not-learned', detail: 'no part large enough to hash' }
  throw httpError(url, answer.status, answer.body)
}

async function learn(
  command: 'learnspam' | 'learnham',
  raw: Buffer,
  endpoint: RspamdEndpoint,
  options: ControllerOptions,
): Promise<LearnResult> {
  const url = `${endpoint.controllerUrl}/${command}`
  const answer = await send('POST', url, endpoint, options, raw)
  const said = errorText(answer.body)
  if (answer.status === 200) return { outcome: 'learned', detail: said }
  // "<id> has been already learned as spam, ignore it"
  if (answer.status === 208) return { outcome: 'already-learned', detail: said }
  if (answer.status === 204) return { outcome: 'not-learned', detail: 'Rspamd declined it (too few words for Bayes)' }
  throw httpError(url, answer.status, answer.body)
}

const StatSchema = z.object({
  version: z.string(),
  uptime: z.number().optional(),
  scanned: z.number(),
  learned: z.number(),
  statfiles: z.array(z.object({ symbol: z.string(), revision: z.number() })).default([]),
})

export interface RspamdStat {
  version: string
  uptimeSec: number | null
  /** Messages scanned since the statistics were reset. */
  scanned: number
  /** Learn requests Rspamd accepted, counted at once. */
  learned: number
  /** Learns stored in Redis per class; Rspamd refreshes these about once a minute. */
  spamLearns: number | null
  hamLearns: number | null
}

/** GET /stat. */
export async function rspamdStat(endpoint: RspamdEndpoint, options: ControllerOptions = {}): Promise<RspamdStat> {
  const url = `${endpoint.controllerUrl}/stat`
  const answer = await send('GET', url, endpoint, options)
  if (answer.status !== 200) throw httpError(url, answer.status, answer.body)
  const parsed = StatSchema.safeParse(parseJson(answer.body))
  if (!parsed.success) throw new RspamdError('protocol', `${url} answered something that is not Rspamd's statistics`)
  const stat = parsed.data
  const revision = (symbol: string) => stat.statfiles.find((s) => s.symbol === symbol)?.revision ?? null
  return {
    version: stat.version,
    uptimeSec: stat.uptime ?? null,
    scanned: stat.scanned,
    learned: stat.learned,
    spamLearns: revision('BAYES_SPAM'),
    hamLearns: revision('BAYES_HAM'),
  }
}

function send(
  method: 'GET' | 'POST',
  url: string,
  endpoint: RspamdEndpoint,
  options: ControllerOptions,
  body?: Buffer,
  headers: Record<string, string> = {},
) {
  if (!endpoint.password) {
    return Promise.reject(
      new RspamdError('unauthorized', "Rspamd's controller needs its password, and none is configured"),
    )
  }
  return (options.http ?? defaultHttp()).send(method, url, {
    ...(body ? { body } : {}),
    headers: { ...headers, Password: endpoint.password },
    signal: options.signal ?? AbortSignal.timeout(DEFAULT_TIMEOUT_MS),
  })
}

function errorText(body: Buffer): string {
  const answer = parseJson(body)
  return answer && typeof answer === 'object' && 'error' in answer && typeof answer.error === 'string'
    ? answer.error
    : ''
}
