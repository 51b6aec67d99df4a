/** startEmbeddedDaemons: the Rspamd (with Redis) and clamd that `moat start` runs itself when nobody else provides them. */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../log.ts'
import type { DaemonAddresses } from '../policy/daemon-addresses.ts'
import type { Policy } from '../policy/policy.ts'
import { startClamd } from './clamd/index.ts'
import { startRspamd } from './rspamd/index.ts'
import { isProcessAlive } from './process-alive.ts'

export interface EmbeddedDaemons {
  /** Where the daemons Moat started listen, for withDaemonAddresses. */
  addresses: DaemonAddresses
  /** One plain sentence per daemon: started, external, disabled, or why it is missing. */
  notes: string[]
  stop(): Promise<void>
}

interface Options {
  /** MOAT_DATA_DIR: each daemon keeps its configuration and data (Rspamd's Bayes in Redis) below it. */
  dataDir: string
  log: Logger
  /** MOAT_RSPAMD_URL / MOAT_CLAMD_ADDRESS name daemons someone else runs: Moat then starts none. */
  env?: NodeJS.ProcessEnv
}

/**
 * For each daemon engine the policy enables: an address given in the environment or the policy file
 * means someone else runs the daemon; otherwise Moat starts its own. A daemon that cannot start is
 * reported plainly and left out; its engine then errors on every message, and the policy's
 * fail-closed rule (criticalEngines) decides what happens to the mail.
 */
export async function startEmbeddedDaemons(policy: Policy, options: Options): Promise<EmbeddedDaemons> {
  const env = options.env ?? process.env
  const addresses: DaemonAddresses = {}
  const notes: string[] = []
  const stops: (() => Promise<void>)[] = []
  const enabled = (name: string) => policy.engines[name]?.enabled !== false
  const configured = (name: string, key: string) => policy.engines[name]?.config[key] as string | undefined

  const rspamdGiven = env.MOAT_RSPAMD_URL ?? configured('rspamd', 'url')
  if (!enabled('rspamd')) notes.push('rspamd: disabled by the policy')
  else if (rspamdGiven) notes.push(`rspamd: using ${rspamdGiven} (not started by Moat)`)
  else {
    try {
      const rspamd = await startRspamd({ workDir: join(options.dataDir, 'rspamd'), log: options.log })
      addresses.rspamd = { url: rspamd.url, controllerUrl: rspamd.controllerUrl, password: rspamd.password }
      stops.push(() => rspamd.stop())
      notes.push(
        `rspamd: started Rspamd ${rspamd.version} at ${rspamd.url} (DNS: ${rspamd.dns.mode}, ${rspamd.dns.why})`,
      )
    } catch (err) {
      notes.push(`rspamd: NOT RUNNING: ${firstLine(err)}. ${failClosed('rspamd', policy)}`)
    }
  }

  const clamdGiven = env.MOAT_CLAMD_ADDRESS ?? configured('clamav', 'address')
  if (!enabled('clamav')) notes.push('clamav: disabled by the policy')
  else if (clamdGiven) notes.push(`clamav: using clamd at ${clamdGiven} (not started by Moat)`)
  else {
    try {
      const clamd = await startClamd({ workDir: join(options.dataDir, 'clamd'), log: options.log })
      addresses.clamav = { address: clamd.address }
      stops.push(() => clamd.stop())
      const signatures =
        clamd.signatureSource === 'eicar-only'
          ? 'only the EICAR test signature is loaded: run freshclam for real ones'
          : `${clamd.signatures ?? 'unknown number of'} signatures from ${clamd.databaseDir}`
      notes.push(`clamav: started ${clamd.version} at ${clamd.address}; ${signatures}`)
    } catch (err) {
      notes.push(`clamav: NOT RUNNING: ${firstLine(err)}. ${failClosed('clamav', policy)}`)
    }
  }

  writeRunningDaemons(options.dataDir, addresses)
  return {
    addresses,
    notes,
    async stop() {
      removeRunningDaemons(options.dataDir)
      await Promise.allSettled(stops.map((stop) => stop()))
    },
  }
}

/**
 * The addresses of the daemons a running `moat start` owns, so that `moat scan` and `moat engines`
 * in another shell use them too. Holds the controller password: readable by the owner only.
 */
const RUNNING_FILE = 'daemons.json'

function writeRunningDaemons(dataDir: string, addresses: DaemonAddresses): void {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, RUNNING_FILE)
  writeFileSync(path, JSON.stringify({ pid: process.pid, addresses }), { mode: 0o600 })
  chmodSync(path, 0o600)
}

function removeRunningDaemons(dataDir: string): void {
  rmSync(join(dataDir, RUNNING_FILE), { force: true })
}

/** What a running `moat start` in `dataDir` listens on, or nothing when none runs (a stale file is ignored). */
export function runningDaemonAddresses(dataDir: string): DaemonAddresses {
  let record: { pid?: unknown; addresses?: unknown }
  try {
    record = JSON.parse(readFileSync(join(dataDir, RUNNING_FILE), 'utf8')) as typeof record
  } catch {
    return {}
  }
  if (typeof record.pid !== 'number' || !isProcessAlive(record.pid)) return {}
  return typeof record.addresses === 'object' && record.addresses ? (record.addresses as DaemonAddresses) : {}
}

function failClosed(engine: string, policy: Policy): string {
  return policy.criticalEngines.includes(engine)
    ? `Every message is held for review while ${engine} is down (it is a critical engine in the policy).`
    : `Messages are scanned without ${engine} (it is not a critical engine in the policy).`
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300)
}
