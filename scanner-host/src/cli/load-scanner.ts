/** Builds a Scanner from the --policy option and the learning state, turning policy errors into usage errors. */
import { builtinEngines } from '../engines/registry.ts'
import type { Logger } from '../log.ts'
import { loadPolicy, PolicyError } from '../policy/load-policy.ts'
import { runningDaemonAddresses } from '../daemons/embedded.ts'
import { daemonAddressesFromEnv, withDaemonAddresses } from '../policy/daemon-addresses.ts'
import { DEFAULT_POLICY, type Policy } from '../policy/policy.ts'
import { createScanner, type Scanner } from '../pipeline/scan-message.ts'
import {
  defaultDataDir,
  openExistingLearningState,
  openLearningState,
  type LearningState,
} from '../state/learning-state.ts'
import { CliError } from './cli-error.ts'

/**
 * The policy at `path`, else at MOAT_POLICY, else the defaults, with the addresses of the daemons
 * a running `moat start` owns and those the environment names: every command reads the same one.
 */
export async function loadPolicyOption(option: string | undefined): Promise<Policy> {
  const path = option ?? process.env.MOAT_POLICY
  try {
    const policy = path ? await loadPolicy(path) : DEFAULT_POLICY
    // The environment wins over a running `moat start`'s daemons, which win over the policy file.
    const running = withDaemonAddresses(policy, runningDaemonAddresses(defaultDataDir()))
    return withDaemonAddresses(running, daemonAddressesFromEnv())
  } catch (err) {
    if (err instanceof PolicyError) throw new CliError(err.message)
    throw err
  }
}

/**
 * Opens the learning state under MOAT_DATA_DIR (./data by default), creating it when `create` is
 * set, else only if it exists (null otherwise); a broken one is an I/O error.
 */
export async function openStateOption(create: true): Promise<LearningState>
export async function openStateOption(create: boolean): Promise<LearningState | null>
export async function openStateOption(create: boolean): Promise<LearningState | null> {
  try {
    return create ? await openLearningState(defaultDataDir()) : await openExistingLearningState(defaultDataDir())
  } catch (err) {
    throw new CliError(`moat: ${(err as Error).message}`, 1)
  }
}

export interface LoadedScanner {
  scanner: Scanner
  policy: Policy
  /** Null when none exists and none was to be made: the learning engines then skip. */
  state: LearningState | null
}

/**
 * The scanner of the policy at `policyPath`; close `state` when done. `createState` makes the
 * learning state when there is none (the scanner host); `moat scan` only reads one that exists.
 */
export async function loadScanner(
  policyPath: string | undefined,
  log: Logger,
  options: { createState: boolean },
): Promise<LoadedScanner> {
  return buildScanner(await loadPolicyOption(policyPath), log, { ...options, policyPath })
}

/** The scanner of an already loaded policy (after `moat start` put its own daemons' addresses in). */
export async function buildScanner(
  policy: Policy,
  log: Logger,
  options: { createState: boolean; policyPath?: string },
): Promise<LoadedScanner> {
  const { policyPath } = options
  const state = await openStateOption(options.createState)
  try {
    return { scanner: createScanner({ policy, engines: builtinEngines(state), log }), policy, state }
  } catch (err) {
    state?.close()
    if (err instanceof PolicyError) throw new CliError(`${policyPath ?? 'default policy'}: ${err.message}`)
    throw err
  }
}
