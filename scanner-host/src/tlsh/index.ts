/** TLSH (Trend Micro Locality Sensitive Hash), byte-exact with the reference 4.x: hashing, parsing, distance. */
export { TLSH_MIN_LENGTH, TlshHasher, tlshHash } from './tlsh.ts'
export { formatTlsh, isTlsh, parseTlsh, TLSH_BODY_BYTES, TLSH_HEX_LENGTH, TNULL, type TlshDigest } from './digest.ts'
export { tlshDistance, type TlshDistanceOptions } from './distance.ts'
