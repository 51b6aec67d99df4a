/** gzip as a one-entry archive (RFC 1952), and the password check of 7-Zip archives (7zFormat.txt). */
import { gunzipSync } from 'node:zlib'
import {
  emptyListing,
  inflatedHead,
  inflationLeft,
  type ArchiveListing,
  type Inflation,
  type Opened,
} from './archive.ts'

/**
 * A gzip file holds one file: named by the FNAME header field when present (RFC 1952 s2.3.1),
 * else by the outer name without its `.gz` (`.tgz` -> `.tar`). ISIZE, the last four bytes, is the
 * claimed size modulo 2^32 (s2.3.1), read only from a complete file.
 */
export function gzipListing(buf: Buffer, outerName: string, complete: boolean, inflation: Inflation): ArchiveListing {
  const name = gzipName(buf) ?? innerName(outerName)
  const claimed = complete && buf.length >= 18 ? buf.readUInt32LE(buf.length - 4) : 0
  const entry = {
    name,
    compressedSize: buf.length,
    uncompressedSize: claimed,
    encrypted: false,
    isDirectory: false,
    head: () => inflatedHead(gunzipSync, buf, inflation),
    open: (maxBytes: number) => gunzip(buf, maxBytes, inflation),
  }
  return { ...emptyListing('gzip archive'), entries: [entry], claimedEntries: 1 }
}

/**
 * ISIZE is modulo 2^32, so it cannot bound the output: the nested-archive limit does, or what the
 * message's inflation budget has left when that is less (then running out means the budget is spent).
 */
function gunzip(buf: Buffer, maxBytes: number, inflation: Inflation): Opened {
  const left = inflationLeft(inflation)
  if (left === 0) return { ok: false, why: 'spent' }
  const cap = Math.max(1, Math.min(maxBytes, left))
  try {
    const bytes = gunzipSync(buf, { maxOutputLength: cap })
    inflation.spent += bytes.length
    return { ok: true, bytes }
  } catch (err) {
    inflation.spent += cap
    if ((err as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE')
      return { ok: false, why: 'damaged', detail: 'it cannot be decompressed' }
    return { ok: false, why: left < maxBytes ? 'spent' : 'too-large' }
  }
}

/** RFC 1952 s2.3: ID1 ID2 CM FLG MTIME(4) XFL OS, then FEXTRA (0x04), then FNAME (0x08), zero-ended. */
function gzipName(buf: Buffer): string | null {
  if (buf.length < 10) return null
  const flags = buf[3]!
  if (!(flags & 0x08)) return null
  let at = 10
  if (flags & 0x04) {
    if (at + 2 > buf.length) return null
    at += 2 + buf.readUInt16LE(at)
  }
  const end = buf.indexOf(0, at)
  if (end < 0 || end - at > 1024) return null
  return buf.toString('latin1', at, end) || null
}

function innerName(outer: string): string {
  if (/\.tgz$/i.test(outer)) return outer.slice(0, -4) + '.tar'
  return outer.replace(/\.gz$/i, '') || '(compressed file)'
}

/** 7zAES coder id (7-Zip Methods.txt): AES-256 with a SHA-256 key derivation. */
const AES_CODER = Buffer.from('06f10701', 'hex')
/** Bytes of the end header searched; real headers of small archives are a few hundred bytes. */
const HEADER_SCAN = 64 * 1024

/** 7zFormat.txt property ids that open the end header: a plain one, or one packed by a coder. */
const K_HEADER = 0x01
const K_ENCODED_HEADER = 0x17

/**
 * 7zFormat.txt: a 32-byte signature header points (NextHeaderOffset, NextHeaderSize) at the end
 * header. When that header, plain or "encoded", names the AES coder, contents or names are
 * encrypted. File names are not read here: 7-Zip packs the end header with LZMA by default, and
 * the listing says so (`unread`) rather than passing for an archive of harmless files.
 */
export function sevenZipListing(buf: Buffer): ArchiveListing {
  const listing = emptyListing('7-Zip archive')
  const offset = buf.length >= 32 ? buf.readBigUInt64LE(12) : 0n
  const size = buf.length >= 32 ? buf.readBigUInt64LE(20) : 0n
  const start = 32n + offset
  // An empty archive is the signature header alone; a zeroed header in front of more data hides its list.
  if (buf.length === 32 && size === 0n) return listing
  if (buf.length > 32 && size === 0n) {
    listing.unread = 'its start does not say where its list of files is'
    return listing
  }
  if (buf.length < 32 || start >= BigInt(buf.length)) {
    listing.damage = 'its list of files is missing'
    return listing
  }
  const from = Number(start)
  const to = Math.min(buf.length, from + (size > BigInt(HEADER_SCAN) ? HEADER_SCAN : Number(size)))
  listing.encrypted = buf.subarray(from, to).indexOf(AES_CODER) >= 0
  if (listing.encrypted) return listing
  if (buf[from] === K_ENCODED_HEADER)
    listing.unread = 'its list of files is compressed in a form the scanner does not read'
  else if (buf[from] === K_HEADER) listing.unread = 'the scanner does not read the list of files of 7-Zip archives'
  else listing.damage = 'its list of files is damaged'
  return listing
}
