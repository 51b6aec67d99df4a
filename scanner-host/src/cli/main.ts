/** The `moat` command line: dispatches to scan, train, eval, start, backfill, release, engines, bench and tlsh. */
import { createJsonLogger } from '../log.ts'
import { CliError, EXIT_IO, EXIT_USAGE } from './cli-error.ts'

const USAGE = `usage: moat <command> [options]
  scan FILE|DIR|-     scan messages and print their verdicts (moat scan --help)
  train --spam|--ham  teach the learning engines reported mail (moat train --help)
  eval                measure spam recall and false positives on the corpus (moat eval --help)
  start               run the scanner host: watch mailboxes, scan service (moat start --help)
  backfill            scan the mail already in a mailbox, acting on nothing (moat backfill --help)
  release             move a held message back where it arrived (moat release --help)
  engines             list the engines and their state
  bench               scan the SpamAssassin corpus and print throughput and latency
  tlsh FILE...        print the TLSH digest of each file (moat tlsh --help)`

/**
 * Runs one command and returns the exit status; every error becomes one plain line. Each command
 * is imported when asked for: `moat tlsh` must not wait for mailparser and the engines to load.
 */
export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  const stdout = (text: string) => process.stdout.write(text + '\n')
  const stderr = (text: string) => process.stderr.write(text + '\n')
  const stdin = process.stdin
  const log = createJsonLogger(process.env.MOAT_LOG_LEVEL === 'debug' ? 'debug' : 'warn')
  try {
    switch (command) {
      case 'scan': {
        const scan = await import('./scan-command.ts')
        if (args.includes('--help')) return help(scan.SCAN_USAGE)
        return await scan.scanCommand(args, { stdout, stderr, stdin, log })
      }
      case 'train': {
        const train = await import('./train-command.ts')
        if (args.includes('--help')) return help(train.TRAIN_USAGE)
        return await train.trainCommand(args, { stdout, stderr, stdin })
      }
      case 'eval': {
        const evaluate = await import('./eval-command.ts')
        if (args.includes('--help')) return help(evaluate.EVAL_USAGE)
        return await evaluate.evalCommand(args, { stdout })
      }
      case 'start':
        return await (await import('./start-command.ts')).startCommand(args, { stdout, stderr, log })
      case 'backfill': {
        const backfill = await import('./backfill-command.ts')
        if (args.includes('--help')) return help(backfill.BACKFILL_USAGE)
        return await backfill.backfillCommand(args, { stdout, log })
      }
      case 'release': {
        const release = await import('./release-command.ts')
        if (args.includes('--help')) return help(release.RELEASE_USAGE)
        return await release.releaseCommand(args, { stdout, log })
      }
      case 'engines':
        return await (await import('./engines-command.ts')).enginesCommand(args, { stdout })
      case 'bench':
        return await (await import('./bench-command.ts')).benchCommand(args, { stdout })
      case 'tlsh':
        return await (await import('./tlsh-command.ts')).tlshCommand(args, { stdout, stderr, stdin })
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
