/** The archive model every format reader fills in, so that one walker applies the checks to all. */
import { constants, type ZlibOptions } from 'node:zlib'

/** What opening an entry in full gave. */
export type Opened =
  | { ok: true; bytes: Buffer }
  /**
   * Not tried: the entry claims more than may be inflated, uses a method not supported here, or
   * would take more than the message's inflation budget has left.
   */
  | { ok: false; why: 'too-large' | 'unsupported' | 'spent' }
  /** The entry inflates to more than it claims: sizes were forged, the mark of a bomb. */
  | { ok: false; why: 'exceeds-claim'; limit: number }
  | { ok: false; why: 'damaged'; detail: string }

export interface ArchiveEntry {
  name: string
  compressedSize: number
  uncompressedSize: number
  encrypted: boolean
  isDirectory: boolean
  /**
   * Where the entry's data starts, for formats whose directory could point several entries at the
   * same data (zip): such copies are sniffed and opened once, not once per directory entry.
   */
  dataAt?: number
  /** The first bytes of the content, cheap to get, or null when they cannot be read cheaply. */
  head(): Buffer | null
  /** The whole content, inflating at most `maxBytes`. */
  open(maxBytes: number): Opened
}

export interface ArchiveListing {
  /** "zip archive", "tar archive". */
  format: string
  entries: ArchiveEntry[]
  /** Entry count the archive claims, which may differ from what could be read. */
  claimedEntries: number
  /** True when listing stopped at the entry budget with more entries left. */
  more: boolean
  /** Why the archive could not be read in full, or null. */
  damage: string | null
  /** Why the file list could not be read although the archive is not damaged, or null. */
  unread: string | null
  /** True when the archive hides even its file names behind a password. */
  encrypted: boolean
  /** Names of two entries whose data overlap, the structure of non-recursive zip bombs, or null. */
  overlap: [string, string] | null
}

/** Bytes of an entry looked at to tell its real type (enough for the PE header and ISO volume descriptors). */
export const HEAD_BYTES = 64 * 1024

/**
 * Bytes inflated for one message, sniffed heads and opened archives of all its attachments
 * together. Per-entry limits alone let one archive list the same inner zip thousands of times.
 */
export interface Inflation {
  spent: number
  readonly limit: number
  /** Heads not inflated because the budget was spent, counted so that the walker can report them unread. */
  refused?: number
}

export function inflationLeft(inflation: Inflation): number {
  return Math.max(0, inflation.limit - inflation.spent)
}

/** A listing with nothing read yet, for a reader to fill in. */
export function emptyListing(format: string): ArchiveListing {
  return {
    format,
    entries: [],
    claimedEntries: 0,
    more: false,
    damage: null,
    unread: null,
    encrypted: false,
    overlap: null,
  }
}

/** Compressed bytes inflated to sniff an entry's type: a few KB of output for ordinary data. */
const HEAD_INPUT = 1024
/** Deflate expands at most 1032:1 (RFC 1951 s3.2.5 longest match per shortest code), so this never overflows. */
const HEAD_OUTPUT_CAP = HEAD_INPUT * 1032 + 1024

/**
 * The first HEAD_BYTES an entry inflates to, from its first compressed bytes only, charged to the
 * message's inflation budget; null when the budget is spent (counted in `inflation.refused`) or
 * the data does not inflate.
 */
export function inflatedHead(
  inflate: (input: Buffer, options: ZlibOptions) => Buffer,
  compressed: Buffer,
  inflation: Inflation,
): Buffer | null {
  if (inflationLeft(inflation) === 0) {
    inflation.refused = (inflation.refused ?? 0) + 1
    return null
  }
  try {
    // Z_SYNC_FLUSH accepts the cut-off input and returns what it inflates to so far.
    const out = inflate(compressed.subarray(0, HEAD_INPUT), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: HEAD_OUTPUT_CAP,
    })
    inflation.spent += out.length
    return out.subarray(0, HEAD_BYTES)
  } catch {
    return null
  }
}
