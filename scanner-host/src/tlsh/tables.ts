/** TLSH constant tables: Pearson permutation, salts, log-length thresholds, bit-pair distances. */

/**
 * Pearson's sample permutation of 0..255 from the reference implementation. Every bucket and
 * checksum byte goes through it, so a single wrong entry changes every digest.
 */
export const PEARSON = new Uint8Array([
  1, 87, 49, 12, 176, 178, 102, 166, 121, 193, 6, 84, 249, 230, 44, 163, 14, 197, 213, 181, 161, 85, 218, 80, 64, 239,
  24, 226, 236, 142, 38, 200, 110, 177, 104, 103, 141, 253, 255, 50, 77, 101, 81, 18, 45, 96, 31, 222, 25, 107, 190, 70,
  86, 237, 240, 34, 72, 242, 20, 214, 244, 227, 149, 235, 97, 234, 57, 22, 60, 250, 82, 175, 208, 5, 127, 199, 111, 62,
  135, 248, 174, 169, 211, 58, 66, 154, 106, 195, 245, 171, 17, 187, 182, 179, 0, 243, 132, 56, 148, 75, 128, 133, 158,
  100, 130, 126, 91, 13, 153, 246, 216, 219, 119, 68, 223, 78, 83, 88, 201, 99, 122, 11, 92, 32, 136, 114, 52, 10, 138,
  30, 48, 183, 156, 35, 61, 26, 143, 74, 251, 94, 129, 162, 63, 152, 170, 7, 115, 167, 241, 206, 3, 150, 55, 59, 151,
  220, 90, 53, 23, 131, 125, 173, 15, 238, 79, 95, 89, 16, 105, 137, 225, 224, 217, 160, 37, 123, 118, 73, 2, 157, 46,
  116, 9, 145, 134, 228, 207, 212, 202, 215, 69, 229, 27, 188, 67, 124, 168, 252, 42, 4, 29, 108, 21, 247, 19, 205, 39,
  203, 233, 40, 186, 147, 198, 192, 155, 33, 164, 191, 98, 204, 165, 180, 117, 76, 140, 36, 210, 172, 41, 54, 159, 8,
  185, 232, 113, 196, 231, 47, 146, 120, 51, 65, 28, 144, 254, 221, 93, 189, 194, 139, 112, 43, 71, 109, 184, 209,
])

/**
 * Salts of the Pearson hash: 0 for the checksum, then one per byte triplet of the 5-byte window.
 * The hash of (salt, a, b, c) starts from 0, so its first step is always PEARSON[salt]: the hasher
 * uses that value (the "mixed salt") directly and saves one lookup per triplet.
 */
export const CHECKSUM_SALT = 0
export const TRIPLET_SALTS = [2, 3, 5, 7, 11, 13] as const

/** The reference's first step of the Pearson hash for a salt: PEARSON[0 ^ salt]. */
export function mixedSalt(salt: number): number {
  return PEARSON[salt & 0xff]!
}

/** Pearson hash of (salt, i, j, k) exactly as the reference's b_mapping computes it. */
export function pearson(salt: number, i: number, j: number, k: number): number {
  let h = PEARSON[salt & 0xff]!
  h = PEARSON[h ^ (i & 0xff)]!
  h = PEARSON[h ^ (j & 0xff)]!
  return PEARSON[h ^ (k & 0xff)]!
}

/**
 * Upper bounds of the log-length value, as TLSH 4.x tabulates them in place of the earlier
 * floating-point logarithms: the length value of n is the smallest index i with n <= LVALUE_TOPS[i].
 * Steps grow x1.5 up to 656 bytes, x1.3 up to 3,171, then x1.1.
 */
export const LVALUE_TOPS = new Float64Array([
  1, 2, 3, 5, 7, 11, 17, 25, 38, 57, 86, 129, 194, 291, 437, 656, 854, 1110, 1443, 1876, 2439, 3171, 3475, 3823, 4205,
  4626, 5088, 5597, 6157, 6772, 7450, 8195, 9014, 9916, 10907, 11998, 13198, 14518, 15970, 17567, 19323, 21256, 23382,
  25720, 28292, 31121, 34233, 37656, 41422, 45564, 50121, 55133, 60646, 66711, 73382, 80721, 88793, 97672, 107439,
  118183, 130002, 143002, 157302, 173032, 190335, 209369, 230306, 253337, 278670, 306538, 337191, 370911, 408002,
  448802, 493682, 543050, 597356, 657091, 722800, 795081, 874589, 962048, 1058252, 1164078, 1280486, 1408534, 1549388,
  1704327, 1874759, 2062236, 2268459, 2495305, 2744836, 3019320, 3321252, 3653374, 4018711, 4420582, 4862641, 5348905,
  5883796, 6472176, 7119394, 7831333, 8614467, 9475909, 10423501, 11465851, 12612437, 13873681, 15261050, 16787154,
  18465870, 20312458, 22343706, 24578077, 27035886, 29739474, 32713425, 35984770, 39583245, 43541573, 47895730,
  52685306, 57953837, 63749221, 70124148, 77136564, 84850228, 93335252, 102668779, 112935659, 124229227, 136652151,
  150317384, 165349128, 181884040, 200072456, 220079703, 242087671, 266296456, 292926096, 322218735, 354440623,
  389884688, 428873168, 471760495, 518936559, 570830240, 627913311, 690704607, 759775136, 835752671, 919327967,
  1011260767, 1112386880, 1223623232, 1345985727, 1480584256, 1628642751, 1791507135, 1970657856, 2167723648,
  2384496256, 2622945920, 2885240448, 3173764736, 3491141248, 3840255616, 4224281216,
])

/**
 * Length value (the digest's "L" byte) of an input of `length` bytes. Inputs past the last
 * threshold (about 3.9 GiB) get 170: the reference keeps lengths in 32 bits and reads past its
 * table there, so there is no reference value to match, and saturating keeps far-apart sizes apart.
 */
export function lengthValue(length: number): number {
  let low = 0
  let high = LVALUE_TOPS.length
  // First index whose threshold is >= length: a plain lower-bound search over the sorted table.
  while (low < high) {
    const mid = (low + high) >>> 1
    if (LVALUE_TOPS[mid]! < length) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * Distance between two body bytes (four 2-bit bucket codes each): the sum over the four pairs of
 * |a - b|, where a difference of 3 (lowest quartile against highest) counts 6, as in the reference.
 * Indexed by (a << 8) | b; 64 KB, built on first use so that hashing alone never pays for it.
 */
export function bitPairDiff(): Uint8Array {
  if (bitPairDiffTable) return bitPairDiffTable
  const table = new Uint8Array(256 * 256)
  for (let a = 0; a < 256; a++) {
    for (let b = 0; b < 256; b++) {
      let diff = 0
      for (let shift = 0; shift < 8; shift += 2) {
        const d = Math.abs(((a >> shift) & 3) - ((b >> shift) & 3))
        diff += d === 3 ? 6 : d
      }
      table[(a << 8) | b] = diff
    }
  }
  bitPairDiffTable = table
  return table
}

let bitPairDiffTable: Uint8Array | undefined
