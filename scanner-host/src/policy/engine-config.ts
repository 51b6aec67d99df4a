/** engineConfig: one engine's `config` block from the policy, validated by that engine's own schema. */
import type { z } from 'zod'
import { formatIssues, PolicyError } from './load-policy.ts'
import type { Policy } from './policy.ts'

/** Throws PolicyError naming the key when the block does not fit the schema; defaults fill the rest. */
export function engineConfig<C>(policy: Policy, name: string, schema: z.ZodType<C>): C {
  const parsed = schema.safeParse(policy.engines[name]?.config ?? {})
  if (!parsed.success) {
    throw new PolicyError(`engines.${name}.config: ${formatIssues(parsed.error)}`, { cause: parsed.error })
  }
  return parsed.data
}
