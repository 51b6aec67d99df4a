/** `moat start`: runs the scanner host until stopped: Rspamd and clamd beside it, and the local scan service. */
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import type { Logger } from '../log.ts'
import { createScanServer } from '../service/scan-server.ts'
import { CliError } from './cli-error.ts'
import { buildScanner, loadPolicyOption } from './load-scanner.ts'
import { startEmbeddedDaemons } from '../daemons/embedded.ts'
import { checkHealth } from '../pipeline/engine-health.ts'
import { withDaemonAddresses } from '../policy/daemon-addresses.ts'
import { defaultDataDir } from '../state/learning-state.ts'
import { LockError } from '../mailbox/instance-lock.ts'
import { watchMailboxes, type RunningWatchers } from '../mailbox/watch-mailboxes.ts'
import { loadConfigOption } from './watch-config-option.ts'

export const START_USAGE = `usage: moat start [--config moat.yaml] [--host 127.0.0.1] [--port 7780] [--policy FILE]
  Runs the scanner host: watches the IMAP accounts of the configuration (--config, MOAT_CONFIG or
  ./moat.yaml; see examples/moat.yaml) and acts on each new message's verdict; also serves
  POST /v1/scan (a raw message in, its verdict out) and GET /healthz on loopback.
  Starts Rspamd (with its Redis) and clamd beside it unless MOAT_RSPAMD_URL / MOAT_CLAMD_ADDRESS
  or the policy name daemons you run yourself; they keep their data under MOAT_DATA_DIR.
  Environment: MOAT_HOST, MOAT_PORT, MOAT_POLICY, MOAT_DATA_DIR (learning state; ./data by default). Stops cleanly on SIGINT or SIGTERM.`

export async function startCommand(
  args: string[],
  io: { stdout: (text: string) => void; stderr: (text: string) => void; log: Logger },
): Promise<number> {
  if (args.includes('--help')) {
    io.stdout(START_USAGE)
    return 0
  }
  const { values } = parseStartArgs(args)
  const host = values.host ?? process.env.MOAT_HOST ?? '127.0.0.1'
  const port = Number(values.port ?? process.env.MOAT_PORT ?? 7780)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`moat start: bad port ${values.port}`)
  const { config, file: configFile } = await loadConfigOption(values.config)
  const policyPath = values.policy ?? config.policy
  const filePolicy = await loadPolicyOption(policyPath)
  // Rspamd and clamd run beside the scanner host unless the environment or the policy names
  // daemons someone else runs; a missing one is said plainly and the fail-closed rule applies.
  const daemons = await startEmbeddedDaemons(filePolicy, { dataDir: defaultDataDir(), log: io.log })
  for (const note of daemons.notes) io.stdout(`moat: ${note}`)
  const policy = withDaemonAddresses(filePolicy, daemons.addresses)
  let loaded
  try {
    loaded = await buildScanner(policy, io.log, { createState: true, policyPath })
  } catch (err) {
    await daemons.stop()
    throw err
  }
  const { scanner, state } = loaded

  // Asked once now, so rules compile, models load and feeds start downloading before mail arrives.
  for (const { name, health } of await checkHealth(scanner.engines, io.log)) {
    const details = [health.version, health.loaded, health.lastError && `last error: ${health.lastError}`]
    io.stdout(
      `moat: engine ${name}: ${health.state}${details.some(Boolean) ? ` (${details.filter(Boolean).join('; ')})` : ''}`,
    )
  }
  const server = createScanServer({ scanner, log: io.log })
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) =>
      reject(new CliError(`moat start: cannot listen on ${host}:${port}: ${err.message}`, 1))
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
  // Errors after start-up (a broken client socket is handled by node:http) are logged, not fatal.
  server.on('error', (err) => io.log.error('scan service error', { error: err.message }))
  const address = server.address() as AddressInfo
  io.stdout(`moat: scanner host listening on http://${address.address}:${address.port} (POST /v1/scan, GET /healthz)`)

  let watchers: RunningWatchers | null = null
  if (config.accounts.length > 0) {
    try {
      watchers = watchMailboxes({
        config,
        scanner,
        policy,
        state: state!,
        dataDir: defaultDataDir(),
        log: io.log,
        onEvent: (event) => {
          if (event.kind === 'watching') {
            io.stdout(
              `moat: watching ${event.account} ${event.mailbox} (UIDVALIDITY ${event.uidValidity}, new mail after UID ${event.fromUid})`,
            )
          } else if (event.kind === 'disconnected') {
            io.stdout(`moat: ${event.account} disconnected (${event.error}); reconnecting in ${event.retryInMs} ms`)
          }
        },
      })
    } catch (err) {
      server.close()
      await scanner.close()
      state?.close()
      await daemons.stop()
      if (err instanceof LockError) throw new CliError(`moat start: ${err.message}`, 1)
      throw err
    }
  } else {
    io.stdout(
      `moat: no mailboxes to watch${configFile ? ` in ${configFile}` : ' (give --config FILE; see examples/moat.yaml)'}`,
    )
  }

  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'))
    process.once('SIGTERM', () => resolve('SIGTERM'))
  })
  io.stdout(`moat: ${signal} received, finishing scans in progress`)
  await watchers?.stop()
  server.closeIdleConnections()
  await new Promise((resolve) => server.close(resolve))
  await scanner.close()
  state?.close()
  await daemons.stop()
  io.stdout('moat: stopped')
  return 0
}

function parseStartArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        config: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        policy: { type: 'string' },
      },
    })
  } catch (err) {
    throw new CliError(`moat start: ${(err as Error).message}\n${START_USAGE}`)
  }
}
