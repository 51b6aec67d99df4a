/** Builds a Scanner from the --policy option and the learning state, turning policy errors into usage errors. */
import { builtinEngines } from '../engines/registry.ts'
import type { Logger } from '../log.ts'
import { loadPolicy, PolicyError } from '../policy/load-policy.ts'
import { DEFAULT_POLICY, type Policy } from '../policy/policy.ts'
import { createScanner, type Scanner } from '../pipeline/scan-message.ts'
import { defaultDataDir, openLearningState, type LearningState } from '../state/learning-state.ts'
import { CliError } from './cli-error.ts'

/** The policy at `path`, else at MOAT_POLICY, else the defaults: every command reads the same one. */
export async function loadPolicyOption(option: string | undefined): Promise<Policy> {
  const path = option ?? process.env.MOAT_POLICY
  if (!path) return DEFAULT_POLICY
  try {
    return await loadPolicy(path)
  } catch (err) {
    if (err instanceof PolicyError) throw new CliError(err.message)
    throw err
  }
}

/** Opens the learning state under MOAT_DATA_DIR (./data by default); a broken one is an I/O error. */
export async function openStateOption(dataDir: string = defaultDataDir()): Promise<LearningState> {
  try {
    return await openLearningState(dataDir)
  } catch (err) {
    throw new CliError(`moat: ${(err as Error).message}`, 1)
  }
}

export interface LoadedScanner {
  scanner: Scanner
  policy: Policy
  state: LearningState
}

/** The scanner of the policy at `policyPath`; close `state` when done. */
export async function loadScanner(policyPath: string | undefined, log: Logger): Promise<LoadedScanner> {
  const policy = await loadPolicyOption(policyPath)
  const state = await openStateOption()
  try {
    return { scanner: createScanner({ policy, engines: builtinEngines(state), log }), policy, state }
  } catch (err) {
    state.close()
    if (err instanceof PolicyError) throw new CliError(`${policyPath ?? 'default policy'}: ${err.message}`)
    throw err
  }
}
