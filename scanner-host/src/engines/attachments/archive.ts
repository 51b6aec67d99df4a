/** The archive model every format reader fills in, so that one walker applies the checks to all. */

/** What opening an entry in full gave. */
export type Opened =
  | { ok: true; bytes: Buffer }
  /** Not tried: the entry claims more than may be inflated, or uses a method not supported here. */
  | { ok: false; why: 'too-large' | 'unsupported' }
  /** The entry inflates to more than it claims: sizes were forged, the mark of a bomb. */
  | { ok: false; why: 'exceeds-claim'; limit: number }
  | { ok: false; why: 'damaged'; detail: string }

export interface ArchiveEntry {
  name: string
  compressedSize: number
  uncompressedSize: number
  encrypted: boolean
  isDirectory: boolean
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
  /** True when the archive hides even its file names behind a password. */
  encrypted: boolean
  /** Names of two entries whose data overlap, the structure of non-recursive zip bombs, or null. */
  overlap: [string, string] | null
}

/** Bytes of an entry looked at to tell its real type (enough for the PE header and ISO volume descriptors). */
export const HEAD_BYTES = 64 * 1024
