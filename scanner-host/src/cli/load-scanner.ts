/** Builds a Scanner from the --policy option, turning policy errors into usage errors. */
import { BUILTIN_ENGINES } from '../engines/registry.ts'
import type { Logger } from '../log.ts'
import { loadPolicy, PolicyError } from '../policy/load-policy.ts'
import { DEFAULT_POLICY, type Policy } from '../policy/policy.ts'
import { createScanner, type Scanner } from '../pipeline/scan-message.ts'
import { CliError } from './cli-error.ts'

export async function loadPolicyOption(path: string | undefined): Promise<Policy> {
  if (!path) return DEFAULT_POLICY
  try {
    return await loadPolicy(path)
  } catch (err) {
    if (err instanceof PolicyError) throw new CliError(err.message)
    throw err
  }
}

export async function loadScanner(policyPath: string | undefined, log: Logger): Promise<Scanner> {
  const policy = await loadPolicyOption(policyPath)
  try {
    return createScanner({ policy, engines: BUILTIN_ENGINES, log })
  } catch (err) {
    if (err instanceof PolicyError) throw new CliError(`${policyPath ?? 'default policy'}: ${err.message}`)
    throw err
  }
}
