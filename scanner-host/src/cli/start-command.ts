/** `moat start`: runs the scanner host until stopped (today: the local scan service). */
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import type { Logger } from '../log.ts'
import { createScanServer } from '../service/scan-server.ts'
import { CliError } from './cli-error.ts'
import { loadScanner } from './load-scanner.ts'

export const START_USAGE = `usage: moat start [--host 127.0.0.1] [--port 7780] [--policy FILE]
  Runs the scanner host: POST a raw message to /v1/scan for its verdict; GET /healthz.
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
  const { scanner, state } = await loadScanner(values.policy, io.log, { createState: true })

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
  io.stdout(`moat: engines ${scanner.engines.map((c) => c.engine.name).join(', ')}`)

  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'))
    process.once('SIGTERM', () => resolve('SIGTERM'))
  })
  io.stdout(`moat: ${signal} received, finishing scans in progress`)
  server.closeIdleConnections()
  await new Promise((resolve) => server.close(resolve))
  state?.close()
  io.stdout('moat: stopped')
  return 0
}

function parseStartArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { host: { type: 'string' }, port: { type: 'string' }, policy: { type: 'string' } },
    })
  } catch (err) {
    throw new CliError(`moat start: ${(err as Error).message}\n${START_USAGE}`)
  }
}
