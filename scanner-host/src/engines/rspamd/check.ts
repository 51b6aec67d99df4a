/** checkMessage: one message through Rspamd's /checkv2, answer validated; for the engine and for eval or bench harnesses. */
import { z } from 'zod'
import type { RspamdEndpoint } from './config.ts'
import { envelopeHeaders, type RspamdEnvelope } from './envelope.ts'
import { createRspamdHttp, RspamdError, type RspamdHttp } from './http.ts'

/** One Rspamd rule that matched, under Rspamd's own name (`GTUBE`, `BAYES_SPAM`, `HFILTER_HOSTNAME_UNKNOWN`). */
export interface RspamdSymbol {
  name: string
  score: number
  description?: string
  options?: string[]
}

export interface RspamdCheck {
  score: number
  /** The score at which Rspamd refuses the message (its `reject` threshold). */
  requiredScore: number
  /** `no action`, `add header`, `rewrite subject`, `greylist`, `soft reject`, `reject`, or a custom one. */
  action: string
  /** True when a pre-filter decided alone (GTUBE, settings), without the other rules. */
  skipped: boolean
  /** Strongest first (largest |score|), in Rspamd's order among equals. */
  symbols: RspamdSymbol[]
  /** What Rspamd would tell the SMTP client (`Gtube pattern`), if anything. */
  smtpMessage?: string
  /** Rspamd's own processing time. */
  timeMs?: number
}

const SymbolSchema = z.object({
  name: z.string().min(1).max(200),
  score: z.number(),
  description: z.string().max(1000).optional(),
  options: z.array(z.string().max(1000)).max(1000).optional(),
})

/** What /checkv2 answers (rspamd.com/doc/developers/protocol.html); other fields are ignored. */
const CheckAnswerSchema = z.object({
  score: z.number(),
  required_score: z.number(),
  action: z.string().min(1).max(100),
  is_skipped: z.boolean().optional(),
  symbols: z.record(z.string(), SymbolSchema).default({}),
  messages: z.record(z.string(), z.unknown()).optional(),
  time_real: z.number().optional(),
})

export interface CheckOptions {
  /** Rspamd's request headers; none when left out (Rspamd then guesses from Received itself). */
  envelope?: RspamdEnvelope
  /** Defaults to 30 s: outside the pipeline someone still has to bound the wait. */
  signal?: AbortSignal
  /** A client of the caller's (the engine has its own, closed with it). */
  http?: RspamdHttp
}

const DEFAULT_TIMEOUT_MS = 30_000
let sharedHttp: RspamdHttp | null = null

/** The client for callers that bring none (eval, bench, the learning loop). */
export function defaultHttp(): RspamdHttp {
  return (sharedHttp ??= createRspamdHttp())
}

/**
 * Sends the raw message to /checkv2 and returns Rspamd's verdict. Rejects with RspamdError:
 * `unavailable`, `aborted`, `http` (Rspamd answered an error) or `protocol` (not Rspamd's answer).
 *
 * @example
 * const check = await checkMessage(raw, { url: 'http://127.0.0.1:11333' })
 * check.action // 'reject'
 */
export async function checkMessage(
  raw: Buffer,
  endpoint: Pick<RspamdEndpoint, 'url'>,
  options: CheckOptions = {},
): Promise<RspamdCheck> {
  const url = `${endpoint.url}/checkv2`
  const answer = await (options.http ?? defaultHttp()).send('POST', url, {
    body: raw,
    headers: options.envelope ? envelopeHeaders(options.envelope) : {},
    signal: options.signal ?? AbortSignal.timeout(DEFAULT_TIMEOUT_MS),
  })
  if (answer.status !== 200) throw httpError(url, answer.status, answer.body)
  const parsed = CheckAnswerSchema.safeParse(parseJson(answer.body))
  if (!parsed.success) {
    throw new RspamdError(
      'protocol',
      `${url} answered something that is not an Rspamd result: ${parsed.error.issues[0]?.message}`,
    )
  }
  const result = parsed.data
  const smtpMessage = result.messages?.['smtp_message']
  return {
    score: result.score,
    requiredScore: result.required_score,
    action: result.action,
    skipped: result.is_skipped ?? false,
    symbols: strongestFirst(Object.values(result.symbols)),
    ...(typeof smtpMessage === 'string' && smtpMessage ? { smtpMessage: smtpMessage.slice(0, 200) } : {}),
    ...(result.time_real !== undefined ? { timeMs: Math.round(result.time_real * 1000) } : {}),
  }
}

function strongestFirst(symbols: z.infer<typeof SymbolSchema>[]): RspamdSymbol[] {
  return symbols
    .map((s, order) => ({ s, order }))
    .sort((a, b) => Math.abs(b.s.score) - Math.abs(a.s.score) || a.order - b.order)
    .map(({ s }) => ({
      name: s.name,
      score: s.score,
      ...(s.description ? { description: s.description } : {}),
      ...(s.options ? { options: s.options } : {}),
    }))
}

/** `undefined` for anything that is not JSON, so the schema reports it. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

/** Rspamd's errors are `{"error": "..."}` with an HTTP status; the text is kept for the reason. */
export function httpError(url: string, status: number, body: Buffer): RspamdError {
  const answer = parseJson(body)
  const said =
    answer && typeof answer === 'object' && 'error' in answer && typeof answer.error === 'string'
      ? answer.error
      : body.toString('utf8').slice(0, 200)
  const kind = status === 401 || status === 403 ? 'unauthorized' : 'http'
  const why = kind === 'unauthorized' ? 'refused the password' : `answered HTTP ${status}`
  return new RspamdError(kind, `Rspamd at ${new URL(url).origin} ${why}${said ? `: ${said.slice(0, 200)}` : ''}`, {
    status,
  })
}
