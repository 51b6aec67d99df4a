/** @moat/contract: the schemas and types every part of Moat shares. */
export * from './finding.ts'
export * from './finding-codes.ts'
export * from './engine-result.ts'
export * from './verdict.ts'
