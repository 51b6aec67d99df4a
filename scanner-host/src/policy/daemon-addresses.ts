/** Where Moat's daemons and resolvers are (Rspamd, clamd, DNS), set from outside the policy file. */
import { EngineSettingsSchema, type Policy } from './policy.ts'

/** Config values per engine name, merged over the policy file's engine config blocks. */
export type DaemonAddresses = Record<string, Record<string, unknown>>

/**
 * MOAT_RSPAMD_URL, MOAT_RSPAMD_CONTROLLER_URL, MOAT_RSPAMD_PASSWORD, MOAT_CLAMD_ADDRESS
 * (`tcp://host:port` or `unix:/path`) and MOAT_DNS_SERVERS (comma-separated `ip[:port]`, for the
 * sender checks and the unshortener): how a deployment points Moat at services it runs itself.
 */
export function daemonAddressesFromEnv(env: NodeJS.ProcessEnv = process.env): DaemonAddresses {
  const addresses: DaemonAddresses = {}
  const rspamd = defined({
    url: env.MOAT_RSPAMD_URL,
    controllerUrl: env.MOAT_RSPAMD_CONTROLLER_URL,
    password: env.MOAT_RSPAMD_PASSWORD,
  })
  if (rspamd) addresses.rspamd = rspamd
  if (env.MOAT_CLAMD_ADDRESS) addresses.clamav = { address: env.MOAT_CLAMD_ADDRESS }
  const dnsServers = (env.MOAT_DNS_SERVERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (dnsServers.length > 0) {
    addresses.auth = { dnsServers }
    addresses['url-feeds'] = { unshorten: { dnsServers } }
  }
  return addresses
}

/** The policy with these values written into the engines' config blocks, over what the file says. */
export function withDaemonAddresses(policy: Policy, addresses: DaemonAddresses): Policy {
  const engines = { ...policy.engines }
  for (const [name, values] of Object.entries(addresses)) {
    const settings = engines[name] ?? EngineSettingsSchema.parse({})
    engines[name] = { ...settings, config: merged(settings.config, values) }
  }
  return { ...policy, engines }
}

/** Nested blocks (url-feeds' `unshorten`) merge key by key, so the file's other keys survive. */
function merged(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const old = result[key]
    result[key] = isPlainObject(old) && isPlainObject(value) ? merged(old, value) : value
  }
  return result
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function defined(values: Record<string, string | undefined>): Record<string, string> | null {
  const entries = Object.entries(values).filter((entry): entry is [string, string] => !!entry[1])
  return entries.length > 0 ? Object.fromEntries(entries) : null
}
