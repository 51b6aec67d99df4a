/** Domain helpers shared by the impersonation and link engines. */
export { DEFAULT_BRAND_DOMAINS } from './brands.ts'
export { skeleton } from './confusables.ts'
export { editDistance } from './edit-distance.ts'
export { hasNonAscii, isPunycode, toAscii, toUnicode } from './idn.ts'
export {
  LOOKALIKE_HOW,
  imitatedName,
  type Lookalike,
  type LookalikeKind,
  ProtectedDomains,
  isUnder,
  lookalikeOf,
  protectedDomains,
} from './lookalike.ts'
export {
  HostCache,
  type HostParts,
  hostParts,
  isSameOrSubdomain,
  normaliseHost,
  registeredDomain,
} from './registered-domain.ts'
export { DomainNameSchema } from './schema.ts'
export { type MixedScriptLabel, isMixedScript, mixedScriptLabels, scriptsOf } from './scripts.ts'
