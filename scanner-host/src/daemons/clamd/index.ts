/** The clamd launcher and the test database it can load. */
export { startClamd, type ClamdInstance, type StartClamdOptions } from './start-clamd.ts'
export {
  buildTestDatabase,
  buildEicarDatabase,
  CLAMAV_TESTFILES_DIR,
  EICAR_SIGNATURE,
  TESTFILE_SIGNATURE,
  type TestDatabase,
} from './test-database.ts'
export { chooseDatabase, hasOfficialDatabase, SYSTEM_DATABASE_DIR, type SignatureSource } from './database-choice.ts'
export { EICAR, hdbLine, eicarHdbLines } from './signatures.ts'
export { ensureClamavPackages, CLAMAV_PACKAGES } from './packages.ts'
