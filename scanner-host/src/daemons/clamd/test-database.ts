/** buildTestDatabase: a ClamAV database for tests, made from clamav-testfiles and EICAR at run time (never committed). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensureClamavPackages } from './packages.ts'
import { eicarHdbLines, hdbLine } from './signatures.ts'

/** Where Debian's `clamav-testfiles` puts its 44 harmless test files. */
export const CLAMAV_TESTFILES_DIR = '/usr/share/clamav-testfiles'

/**
 * The name the clam.exe signature reports. Every clamav-testfiles file carries clam.exe (packed,
 * archived, mailed), so this one hash detects all 44 once clamd has unpacked them.
 */
export const TESTFILE_SIGNATURE = 'ClamAV-Test-File'
export const EICAR_SIGNATURE = 'Eicar-Test-Signature'

export interface TestDatabase {
  dir: string
  file: string
  /** Signatures in the file. */
  signatures: number
}

/** Writes `moat-test.hdb` into `dir`: clam.exe's hash (as `sigtool --md5` gives it) and EICAR's. */
export function buildTestDatabase(dir: string): TestDatabase {
  ensureClamavPackages()
  const clamExe = readFileSync(join(CLAMAV_TESTFILES_DIR, 'clam.exe'))
  return writeDatabase(dir, 'moat-test.hdb', [hdbLine(TESTFILE_SIGNATURE, clamExe), ...eicarHdbLines(EICAR_SIGNATURE)])
}

/**
 * Writes `moat-eicar.hdb`: just enough for clamd to start (it refuses an empty database folder)
 * where no real database was downloaded. It detects EICAR and nothing else.
 */
export function buildEicarDatabase(dir: string): TestDatabase {
  return writeDatabase(dir, 'moat-eicar.hdb', eicarHdbLines(EICAR_SIGNATURE))
}

function writeDatabase(dir: string, name: string, lines: string[]): TestDatabase {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, name)
  writeFileSync(file, lines.join('\n') + '\n')
  return { dir, file, signatures: lines.length }
}
