/** parseScanReply and parseVersion: what clamd's INSTREAM and VERSION answers mean (clamd(8)). */

export type ScanReply =
  | { kind: 'clean' }
  | { kind: 'found'; signature: string }
  /** clamd stopped reading or scanning at one of its limits: the data was not checked in full. */
  | { kind: 'limit'; limit: string }
  | { kind: 'error'; message: string }

/** With AlertExceedsMax, clamd reports a scan cut short at a limit as a detection of this name. */
const LIMIT_SIGNATURE = /^Heuristics\.Limits\.Exceeded(?:\.(\w+))?/

/**
 * `stream: OK`, `stream: <name> FOUND`, `INSTREAM size limit exceeded. ERROR` (StreamMaxLength),
 * or `<message> ERROR`. Anything else is a protocol error.
 */
export function parseScanReply(reply: string): ScanReply {
  if (reply === 'stream: OK') return { kind: 'clean' }
  const found = /^stream: (.+) FOUND$/.exec(reply)
  if (found) {
    const limit = LIMIT_SIGNATURE.exec(found[1]!)
    return limit ? { kind: 'limit', limit: limit[1] ?? 'a scan limit' } : { kind: 'found', signature: found[1]! }
  }
  if (/^INSTREAM size limit exceeded\. ERROR$/.test(reply)) return { kind: 'limit', limit: 'StreamMaxLength' }
  const error = /^(.*) ERROR$/.exec(reply)
  return { kind: 'error', message: error ? error[1]! : `unexpected reply ${JSON.stringify(reply.slice(0, 120))}` }
}

/** Detections that are not a signature of known malware: heuristics and potentially unwanted programs. */
export function isSuspicionOnly(signature: string): boolean {
  return signature.startsWith('Heuristics.') || signature.startsWith('PUA.')
}

export interface ClamdVersion {
  /** `ClamAV 1.4.6` */
  engine: string
  /** The daily database's version and build time; absent when no official database is loaded. */
  database?: { version: number; builtAt: Date | null }
}

/**
 * `ClamAV 1.4.6/27120/Mon Nov 20 08:15:00 2023` with the official databases loaded, plain
 * `ClamAV 1.4.6` with local signatures only (checked against clamd 1.4.6). Null when not clamd.
 */
export function parseVersion(reply: string): ClamdVersion | null {
  const match = /^(ClamAV [^/\s]+)(?:\/(\d+)(?:\/(.+))?)?$/.exec(reply.trim())
  if (!match) return null
  if (!match[2]) return { engine: match[1]! }
  const builtAt = match[3] ? new Date(match[3]) : null
  return {
    engine: match[1]!,
    database: { version: Number(match[2]), builtAt: builtAt && !Number.isNaN(builtAt.getTime()) ? builtAt : null },
  }
}
