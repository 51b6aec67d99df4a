/** TLSH digest parts and their text form: `T1` + 70 hex digits, as the reference prints them. */

/** Number of body bytes: 128 buckets, 2 bits each. */
export const TLSH_BODY_BYTES = 32

/** Length of a digest's text: the `T1` version prefix and 35 bytes in hex. */
export const TLSH_HEX_LENGTH = 72

/** What the reference tool prints (with -onull) in place of a digest for input it cannot hash. */
export const TNULL = 'TNULL'

/** A digest taken apart. Values are as the reference keeps them internally, before any nibble swapping. */
export interface TlshDigest {
  /** One-byte checksum over the whole input (0..255). */
  checksum: number
  /** Log-length bucket of the input size (0..255). */
  lvalue: number
  /** (q1 * 100 / q3) mod 16, the first quartile relative to the third. */
  q1ratio: number
  /** (q2 * 100 / q3) mod 16, the median relative to the third quartile. */
  q2ratio: number
  /**
   * 32 bytes of 2-bit bucket codes: body[i] holds buckets 4i..4i+3, bucket 4i in the low two bits.
   * This is the reference's in-memory order; the text form prints it last byte first.
   */
  body: Uint8Array
}

const HEX = '0123456789ABCDEF'

function hexByte(value: number): string {
  return HEX[(value >> 4) & 0xf]! + HEX[value & 0xf]!
}

/** The reference prints header bytes with their two hex digits swapped (its swap_byte). */
function hexSwapped(value: number): string {
  return HEX[value & 0xf]! + HEX[(value >> 4) & 0xf]!
}

/** The digest's text form: `T1`, then checksum, length and ratios nibble-swapped, then the body reversed. */
export function formatTlsh(digest: TlshDigest): string {
  let text = 'T1' + hexSwapped(digest.checksum) + hexSwapped(digest.lvalue)
  // The ratios share one byte, q1 in its low nibble; swapped, q1 is printed first.
  text += HEX[digest.q1ratio & 0xf]! + HEX[digest.q2ratio & 0xf]!
  for (let i = TLSH_BODY_BYTES - 1; i >= 0; i--) text += hexByte(digest.body[i]!)
  return text
}

const DIGEST_PATTERN = /^(?:T1)?[0-9A-Fa-f]{70}$/

/**
 * Whether `text` is a digest this module reads: `T1` + 70 hex digits, or the 70 digits alone
 * (the format before TLSH 4.0, which the reference still accepts). `TNULL` is not a digest.
 */
export function isTlsh(text: string): boolean {
  return DIGEST_PATTERN.test(text)
}

/** Takes a digest's text apart; throws a RangeError naming the text when it is not a digest. */
export function parseTlsh(text: string): TlshDigest {
  if (!DIGEST_PATTERN.test(text)) {
    const shown = text.length > 80 ? `${text.slice(0, 80)}...` : text
    throw new RangeError(`not a TLSH digest: ${JSON.stringify(shown)}`)
  }
  const hex = text.length === TLSH_HEX_LENGTH ? text.slice(2) : text
  const byteAt = (index: number) => parseInt(hex.slice(index * 2, index * 2 + 2), 16)
  const swap = (value: number) => ((value & 0xf) << 4) | (value >> 4)
  const ratios = swap(byteAt(2))
  const body = new Uint8Array(TLSH_BODY_BYTES)
  for (let i = 0; i < TLSH_BODY_BYTES; i++) body[i] = byteAt(3 + TLSH_BODY_BYTES - 1 - i)
  return {
    checksum: swap(byteAt(0)),
    lvalue: swap(byteAt(1)),
    q1ratio: ratios & 0xf,
    q2ratio: ratios >> 4,
    body,
  }
}
