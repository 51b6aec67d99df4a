/** startScratchDaemons: a fresh Rspamd (empty Bayes) and clamd for one measuring run (eval, bench), gone after it. */
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startClamd } from './clamd/index.ts'
import { startRspamd, type RspamdInstance } from './rspamd/index.ts'
import type { DaemonAddresses } from '../policy/daemon-addresses.ts'

export interface ScratchDaemons {
  rspamd: RspamdInstance
  /** For withDaemonAddresses: Rspamd, clamd, and Rspamd's DNS stub for the sender checks. */
  addresses: DaemonAddresses
  stop(): Promise<void>
}

/**
 * Offline (Rspamd's NXDOMAIN stub): the corpus is from 2002, its senders' DNS is long gone, and
 * figures must not depend on what the network answers today. The Hyperscan cache is shared with
 * the test suite's Rspamd so a run does not pay the 9 s compile each time.
 */
export async function startScratchDaemons(): Promise<ScratchDaemons> {
  const dir = await mkdtemp(join(tmpdir(), 'moat-scratch-daemons-'))
  // Rspamd's workers drop root for _rspamd and must reach their folders.
  await chmod(dir, 0o755)
  const [rspamd, clamd] = await Promise.all([
    startRspamd({
      workDir: join(dir, 'rspamd'),
      dnsServer: 'stub',
      hsCacheDir: join(tmpdir(), 'moat-rspamd-hyperscan-cache'),
    }),
    startClamd({ workDir: join(dir, 'clamd') }),
  ])
  const dnsServers = [...rspamd.dns.servers]
  return {
    rspamd,
    addresses: {
      rspamd: { url: rspamd.url, controllerUrl: rspamd.controllerUrl, password: rspamd.password },
      clamav: { address: clamd.address },
      auth: { dnsServers },
      'url-feeds': { unshorten: { dnsServers } },
    },
    async stop() {
      await Promise.allSettled([rspamd.stop(), clamd.stop()])
      await rm(dir, { recursive: true, force: true })
    },
  }
}
