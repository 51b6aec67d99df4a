/** scanWithClamd: streams a message's parts to clamd and turns the replies into an engine outcome. */
import type { EngineErrorCode } from '@moat/contract'
import type { EngineOutcome } from '../engine.ts'
import type { ParsedMessage } from '../../message/parsed-message.ts'
import { clamdAddress, formatClamdAddress, type ClamdAddress } from './address.ts'
import { clamdInstream, ClamdError } from './client.ts'
import type { ClamavConfig } from './config.ts'
import { eachLimited } from '../../each-limited.ts'
import { describePart, detectionFindings, unscannedFinding, type Detection } from './findings.ts'
import { planScan, type ScanPart, type UnscannedPart } from './plan.ts'
import { parseScanReply } from './reply.ts'
import { formatSize } from './sizes.ts'

type PartResult =
  | { kind: 'clean' }
  | { kind: 'found'; detection: Detection }
  | { kind: 'unscanned'; unscanned: UnscannedPart }
  | { kind: 'failed'; errorCode: EngineErrorCode; why: string }

/** When parts fail in different ways, the most telling one is reported: a dead daemon explains a timeout. */
const ERROR_ORDER: EngineErrorCode[] = ['Unavailable', 'Threw', 'Timeout']

/**
 * Never rejects. A part whose stream failed was not checked, so the outcome is an error, except
 * when malware was found elsewhere: then the findings are kept (a hold is already certain) and
 * the failed parts are listed as not scanned.
 */
export async function scanWithClamd(
  message: ParsedMessage,
  config: ClamavConfig,
  signal: AbortSignal,
): Promise<EngineOutcome> {
  const plan = planScan(message, config)
  const address = clamdAddress(config.address)
  const results = await eachLimited(plan.parts, config.concurrency, (part) => scanPart(part, address, config, signal))

  const detections: Detection[] = []
  const unscanned = [...plan.unscanned]
  const failures: Extract<PartResult, { kind: 'failed' }>[] = []
  results.forEach((result, i) => {
    if (result.kind === 'found') detections.push(result.detection)
    else if (result.kind === 'unscanned') unscanned.push(result.unscanned)
    else if (result.kind === 'failed') {
      failures.push(result)
      const part = plan.parts[i]!
      unscanned.push({ label: part.label, sizeBytes: part.data.length, why: `could not be checked: ${result.why}` })
    }
  })

  const malware = detectionFindings(detections)
  if (failures.length > 0 && !malware.some((f) => f.code === 'CLAMAV_MALWARE')) {
    const worst = ERROR_ORDER.find((code) => failures.some((f) => f.errorCode === code)) ?? 'Threw'
    const first = failures.find((f) => f.errorCode === worst)!
    const more = failures.length > 1 ? ` (${failures.length} of ${plan.parts.length} parts failed)` : ''
    return { status: 'error', errorCode: worst, why: `${first.why}${more}` }
  }
  return { status: 'ok', findings: [...malware, ...unscannedFinding(unscanned)] }
}

async function scanPart(
  part: ScanPart,
  address: ClamdAddress,
  config: ClamavConfig,
  signal: AbortSignal,
): Promise<PartResult> {
  let reply: string
  try {
    reply = await clamdInstream(address, part.data, { chunkBytes: config.chunkBytes, signal })
  } catch (err) {
    return failed(err)
  }
  const parsed = parseScanReply(reply)
  switch (parsed.kind) {
    case 'clean':
      return { kind: 'clean' }
    case 'found':
      return {
        kind: 'found',
        detection: { signature: parsed.signature, label: part.label, sizeBytes: part.data.length },
      }
    case 'limit':
      return {
        kind: 'unscanned',
        unscanned: {
          label: part.label,
          sizeBytes: part.data.length,
          why: limitClause(parsed.limit, part.data.length),
        },
      }
    case 'error':
      return {
        kind: 'failed',
        errorCode: 'Threw',
        why: `clamd at ${formatClamdAddress(address)} could not scan ${describePart(part.label)}: ${parsed.message}`,
      }
  }
}

/** StreamMaxLength below maxStreamBytes is a configuration mismatch; the others are clamd's scan limits. */
function limitClause(limit: string, size: number): string {
  if (limit === 'StreamMaxLength') {
    return `is ${formatSize(size)}, more than clamd's StreamMaxLength (set maxStreamBytes no higher than it)`
  }
  return `was not read in full: clamd stopped at its ${limit} limit`
}

function failed(err: unknown): PartResult {
  if (err instanceof ClamdError) {
    const errorCode: EngineErrorCode =
      err.kind === 'unavailable' ? 'Unavailable' : err.kind === 'aborted' ? 'Timeout' : 'Threw'
    return { kind: 'failed', errorCode, why: err.message }
  }
  return { kind: 'failed', errorCode: 'Threw', why: err instanceof Error ? err.message : String(err) }
}
