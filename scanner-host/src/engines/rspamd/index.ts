/** The rspamd engine, and the Rspamd clients it is built from (scan, learn, statistics) for eval, bench and the learning loop. */
export { createRspamdEngine, rspamdEngine, outcomeOf } from './rspamd-engine.ts'
export { RspamdConfigSchema, type RspamdConfig, type RspamdConfigInput, type RspamdEndpoint } from './config.ts'
export { checkMessage, type CheckOptions, type RspamdCheck, type RspamdSymbol } from './check.ts'
export {
  learnSpam,
  learnHam,
  addFuzzy,
  rspamdStat,
  FUZZY_FLAGS,
  type LearnOutcome,
  type LearnResult,
  type RspamdStat,
} from './controller.ts'
export { rspamdEnvelope, envelopeHeaders, type RspamdEnvelope } from './envelope.ts'
export { rspamdFindings, formatSymbol, RSPAMD_FINDING_CODES, type RspamdFindingCode } from './findings.ts'
export { rspamdHealth, BAYES_MIN_LEARNS } from './health.ts'
export { createRspamdHttp, RspamdError, type RspamdErrorKind, type RspamdHttp } from './http.ts'
export { clientHop, parseClientHop, type ClientHop } from './received.ts'
