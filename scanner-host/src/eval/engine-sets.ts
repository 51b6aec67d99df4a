/** The engine sets the quality harness compares: Moat's own local engines alone, and with the daemons and models. */
import type { Policy } from '../policy/policy.ts'

/** Engines that add outside knowledge: daemons (Rspamd, ClamAV), rules, Moat's model, sender checks, feeds. */
export const OUTSIDE_KNOWLEDGE_ENGINES = ['rspamd', 'clamav', 'yara', 'model', 'auth', 'url-feeds'] as const

/** The policy with `names` switched off and dropped from the critical engines. */
export function withoutEngines(policy: Policy, names: readonly string[]): Policy {
  const engines = { ...policy.engines }
  for (const name of names) {
    engines[name] = { config: {}, ...engines[name], enabled: false }
  }
  return { ...policy, engines, criticalEngines: policy.criticalEngines.filter((name) => !names.includes(name)) }
}
