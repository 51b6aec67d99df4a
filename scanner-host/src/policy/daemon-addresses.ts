/** Daemon addresses (Rspamd, clamd) set from outside the policy file: the environment or daemons Moat started. */
import { EngineSettingsSchema, type Policy } from './policy.ts'

export interface DaemonAddresses {
  rspamd?: { url?: string; controllerUrl?: string; password?: string }
  clamav?: { address?: string }
}

/**
 * MOAT_RSPAMD_URL, MOAT_RSPAMD_CONTROLLER_URL, MOAT_RSPAMD_PASSWORD and MOAT_CLAMD_ADDRESS
 * (`tcp://host:port` or `unix:/path`): how a deployment points Moat at daemons it runs itself.
 */
export function daemonAddressesFromEnv(env: NodeJS.ProcessEnv = process.env): DaemonAddresses {
  const rspamd = defined({
    url: env.MOAT_RSPAMD_URL,
    controllerUrl: env.MOAT_RSPAMD_CONTROLLER_URL,
    password: env.MOAT_RSPAMD_PASSWORD,
  })
  const clamav = defined({ address: env.MOAT_CLAMD_ADDRESS })
  return { ...(rspamd ? { rspamd } : {}), ...(clamav ? { clamav } : {}) }
}

/** The policy with these addresses written into the engines' config blocks (over what the file says). */
export function withDaemonAddresses(policy: Policy, addresses: DaemonAddresses): Policy {
  const engines = { ...policy.engines }
  for (const [name, values] of Object.entries(addresses) as [string, Record<string, string>][]) {
    const settings = engines[name] ?? EngineSettingsSchema.parse({})
    engines[name] = { ...settings, config: { ...settings.config, ...values } }
  }
  return { ...policy, engines }
}

function defined<T extends Record<string, string | undefined>>(values: T): Partial<Record<keyof T, string>> | null {
  const entries = Object.entries(values).filter(([, v]) => v !== undefined && v !== '')
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<Record<keyof T, string>>) : null
}
