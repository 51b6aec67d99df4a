/** The `moat` command line: dispatches to scan, start, engines and bench. */
import { createJsonLogger } from '../log.ts'
import { benchCommand } from './bench-command.ts'
import { CliError, EXIT_IO, EXIT_USAGE } from './cli-error.ts'
import { enginesCommand } from './engines-command.ts'
import { scanCommand } from './scan-command.ts'
import { startCommand } from './start-command.ts'

const USAGE = `usage: moat <command> [options]
  scan FILE|DIR|-   scan messages and print their verdicts (moat scan --help)
  start             run the scanner host: a scan service on loopback (moat start --help)
  engines           list the engines and their state
  bench             scan the SpamAssassin corpus and print throughput and latency`

/** Runs one command and returns the exit status; every error becomes one plain line. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  const stdout = (text: string) => process.stdout.write(text + '\n')
  const stderr = (text: string) => process.stderr.write(text + '\n')
  const log = createJsonLogger(process.env.MOAT_LOG_LEVEL === 'debug' ? 'debug' : 'warn')
  try {
    switch (command) {
      case 'scan':
        if (args.includes('--help')) return help(await import('./scan-command.ts').then((m) => m.SCAN_USAGE))
        return await scanCommand(args, { stdout, stderr, stdin: process.stdin, log })
      case 'start':
        return await startCommand(args, { stdout, stderr, log })
      case 'engines':
        return await enginesCommand(args, { stdout })
      case 'bench':
        return await benchCommand(args, { stdout })
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        return help(USAGE)
      default:
        stderr(`moat: unknown command ${JSON.stringify(command)}\n${USAGE}`)
        return EXIT_USAGE
    }
  } catch (err) {
    if (err instanceof CliError) {
      stderr(err.message)
      return err.exitCode
    }
    stderr(`moat: ${(err as Error).stack ?? String(err)}`)
    return EXIT_IO
  }
}

function help(text: string): number {
  process.stdout.write(text + '\n')
  return 0
}
