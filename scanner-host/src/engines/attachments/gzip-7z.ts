/** gzip as a one-entry archive (RFC 1952), and the password check of 7-Zip archives (7zFormat.txt). */
import { constants, gunzipSync } from 'node:zlib'
import { HEAD_BYTES, type ArchiveListing, type Opened } from './archive.ts'

const HEAD_INPUT = 1024
const HEAD_OUTPUT_CAP = HEAD_INPUT * 1032 + 1024

/**
 * A gzip file holds one file: named by the FNAME header field when present (RFC 1952 s2.3.1),
 * else by the outer name without its `.gz` (`.tgz` -> `.tar`). ISIZE, the last four bytes, is the
 * claimed size modulo 2^32 (s2.3.1), read only from a complete file.
 */
export function gzipListing(buf: Buffer, outerName: string, complete: boolean): ArchiveListing {
  const name = gzipName(buf) ?? innerName(outerName)
  const claimed = complete && buf.length >= 18 ? buf.readUInt32LE(buf.length - 4) : 0
  return {
    format: 'gzip archive',
    entries: [
      {
        name,
        compressedSize: buf.length,
        uncompressedSize: claimed,
        encrypted: false,
        isDirectory: false,
        head: () => {
          try {
            const out = gunzipSync(buf.subarray(0, HEAD_INPUT), {
              finishFlush: constants.Z_SYNC_FLUSH,
              maxOutputLength: HEAD_OUTPUT_CAP,
            })
            return out.subarray(0, HEAD_BYTES)
          } catch {
            return null
          }
        },
        open: (maxBytes) => gunzip(buf, maxBytes),
      },
    ],
    claimedEntries: 1,
    more: false,
    damage: null,
    encrypted: false,
    overlap: null,
  }
}

/** ISIZE is modulo 2^32, so it cannot bound the output: the nested-archive limit does. */
function gunzip(buf: Buffer, maxBytes: number): Opened {
  try {
    return { ok: true, bytes: gunzipSync(buf, { maxOutputLength: Math.max(1, maxBytes) }) }
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, why: 'too-large' }
    return { ok: false, why: 'damaged', detail: 'it cannot be decompressed' }
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

/**
 * 7zFormat.txt: a 32-byte signature header points (NextHeaderOffset, NextHeaderSize) at the end
 * header. When that header, plain or "encoded", names the AES coder, contents or names are
 * encrypted. Archives whose header is LZMA-compressed hide the coder list and are not recognised.
 */
export function sevenZipListing(buf: Buffer): ArchiveListing {
  let encrypted = false
  if (buf.length >= 32) {
    const offset = buf.readBigUInt64LE(12)
    const size = buf.readBigUInt64LE(20)
    const start = 32n + offset
    if (start < BigInt(buf.length)) {
      const from = Number(start)
      const to = Math.min(buf.length, from + (size > BigInt(HEADER_SCAN) ? HEADER_SCAN : Number(size)))
      encrypted = buf.subarray(from, to).indexOf(AES_CODER) >= 0
    }
  }
  return {
    format: '7-Zip archive',
    entries: [],
    claimedEntries: 0,
    more: false,
    damage: null,
    encrypted,
    overlap: null,
  }
}
