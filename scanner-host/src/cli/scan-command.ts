/** `moat scan FILE|DIR|-`: a verdict per message, readable or as JSON lines. */
import { parseArgs } from 'node:util'
import type { Logger } from '../log.ts'
import { CliError, EXIT_IO, EXIT_OK } from './cli-error.ts'
import { formatVerdict } from './format-verdict.ts'
import type { Scanner } from '../pipeline/scan-message.ts'
import { loadScanner } from './load-scanner.ts'
import { readInputs } from './read-inputs.ts'

export const SCAN_USAGE = `usage: moat scan [--json] [--policy FILE] [--ext .eml,.txt] [--stats] [--concurrency N] FILE|DIR|- ...
  Scans each message and prints its verdict. A folder is read recursively; an mbox file
  yields one verdict per message; - reads one message (or mbox) from standard input.
  --json      one JSON verdict per line (the contract's Verdict schema)
  --policy    policy file (YAML or JSON); the built-in defaults otherwise
  --ext       only files with these endings, comma-separated
  --stats     print messages, elapsed time and peak memory to standard error at the end
  --concurrency N  messages scanned at once (default 4); verdicts still print in input order
The learning engines read what moat train taught them from MOAT_DATA_DIR (./data by default).
Exit status: 0 when every message was scanned, 1 when some input could not be read, 2 on a usage error.`

export interface ScanIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  stdin: NodeJS.ReadableStream
  log: Logger
}

export async function scanCommand(args: string[], io: ScanIo): Promise<number> {
  const { values, positionals } = parseScanArgs(args)
  if (positionals.length === 0) throw new CliError(`moat scan: give a file, a folder or -\n${SCAN_USAGE}`)
  const { scanner, state } = await loadScanner(values.policy, io.log, { createState: false })
  try {
    return await scanAll(scanner, positionals, values, io)
  } finally {
    state?.close()
  }
}

async function scanAll(
  scanner: Scanner,
  positionals: string[],
  values: ReturnType<typeof parseScanArgs>['values'],
  io: ScanIo,
): Promise<number> {
  const extensions = (values.ext ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)

  const concurrency = Number(values.concurrency)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new CliError(`moat scan: --concurrency must be a whole number from 1 to 64\n${SCAN_USAGE}`)
  }
  const started = performance.now()
  let scanned = 0
  let unreadable = 0
  // Scans overlap (engines wait on Rspamd and clamd) but print in input order; the window bounds
  // how many messages are held in memory at once.
  const window: Promise<() => void>[] = []
  const flushOne = async () => (await window.shift()!)()
  for await (const input of readInputs(positionals, { extensions, stdin: io.stdin })) {
    if ('error' in input) {
      window.push(
        Promise.resolve(() => {
          unreadable++
          io.stderr(`moat scan: ${input.origin}: ${input.error}`)
        }),
      )
    } else {
      window.push(
        scanner.scan(input.raw).then(
          ({ verdict }) =>
            () => {
              scanned++
              const origin = input.origin
              io.stdout(values.json ? JSON.stringify({ ...verdict, origin }) : formatVerdict(verdict, origin) + '\n')
            },
          // The scanner is built never to throw on input; if it does, name the message and go on.
          (err: unknown) => () => {
            unreadable++
            io.stderr(`moat scan: ${input.origin}: could not be scanned: ${(err as Error).message}`)
          },
        ),
      )
    }
    if (window.length >= concurrency) await flushOne()
  }
  while (window.length > 0) await flushOne()

  if (values.stats) {
    const elapsed = (performance.now() - started) / 1000
    const rssMb = Math.round(process.resourceUsage().maxRSS / 1024)
    io.stderr(`moat scan: ${scanned} messages in ${elapsed.toFixed(2)} s, peak RSS ${rssMb} MB`)
  }
  if (scanned === 0 && unreadable === 0) io.stderr('moat scan: no messages found')
  return unreadable > 0 ? EXIT_IO : EXIT_OK
}

function parseScanArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        policy: { type: 'string' },
        ext: { type: 'string' },
        stats: { type: 'boolean', default: false },
        concurrency: { type: 'string', default: '4' },
      },
    })
  } catch (err) {
    throw new CliError(`moat scan: ${(err as Error).message}\n${SCAN_USAGE}`)
  }
}
