/** Vitest global setup: one real Rspamd (with Redis and a DNS stub) and clamd for every test that runs the whole scanner. */
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildTestDatabase, startClamd } from '../scanner-host/src/daemons/clamd/index.ts'
import { startRspamd } from '../scanner-host/src/daemons/rspamd/index.ts'

/**
 * Installs the daemons when missing (the project's own script), starts them on free loopback ports
 * and hands their addresses to every test process through the variables `moat` reads
 * (MOAT_RSPAMD_*, MOAT_CLAMD_ADDRESS, MOAT_DNS_SERVERS). Tests that kill a daemon start their own.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'moat-test-daemons-'))
  // mkdtemp makes it private; Rspamd's workers drop root for _rspamd and must reach their folders.
  await chmod(dir, 0o755)
  const [rspamd, clamd] = await Promise.all([
    startRspamd({ workDir: join(dir, 'rspamd'), dnsServer: 'stub', hsCacheDir: sharedHyperscanCache() }),
    startClamd({ workDir: join(dir, 'clamd'), databaseDir: buildTestDatabase(join(dir, 'clamav-db')).dir }),
  ])
  Object.assign(process.env, {
    MOAT_RSPAMD_URL: rspamd.url,
    MOAT_RSPAMD_CONTROLLER_URL: rspamd.controllerUrl,
    MOAT_RSPAMD_PASSWORD: rspamd.password,
    MOAT_CLAMD_ADDRESS: clamd.address,
    // Rspamd's NXDOMAIN stub (this machine's resolver never answers): sender checks finish at once.
    MOAT_DNS_SERVERS: rspamd.dns.servers.join(','),
  })
  return async () => {
    await Promise.allSettled([rspamd.stop(), clamd.stop()])
    await rm(dir, { recursive: true, force: true })
  }
}

/** Rspamd compiles its regular expressions for a cold cache in about 9 s; runs after the first reuse them. */
export function sharedHyperscanCache(): string {
  return join(tmpdir(), 'moat-rspamd-hyperscan-cache')
}
