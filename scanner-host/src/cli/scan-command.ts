/** `moat scan FILE|DIR|-`: a verdict per message, readable or as JSON lines. */
import { parseArgs } from 'node:util'
import type { Logger } from '../log.ts'
import { CliError, EXIT_IO, EXIT_OK } from './cli-error.ts'
import { formatVerdict } from './format-verdict.ts'
import type { Scanner } from '../pipeline/scan-message.ts'
import { loadScanner } from './load-scanner.ts'
import { readInputs } from './read-inputs.ts'

export const SCAN_USAGE = `usage: moat scan [--json] [--policy FILE] [--ext .eml,.txt] [--stats] FILE|DIR|- ...
  Scans each message and prints its verdict. A folder is read recursively; an mbox file
  yields one verdict per message; - reads one message (or mbox) from standard input.
  --json      one JSON verdict per line (the contract's Verdict schema)
  --policy    policy file (YAML or JSON); the built-in defaults otherwise
  --ext       only files with these endings, comma-separated
  --stats     print messages, elapsed time and peak memory to standard error at the end
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

  const started = performance.now()
  let scanned = 0
  let unreadable = 0
  for await (const input of readInputs(positionals, { extensions, stdin: io.stdin })) {
    if ('error' in input) {
      unreadable++
      io.stderr(`moat scan: ${input.origin}: ${input.error}`)
      continue
    }
    let verdict
    try {
      ;({ verdict } = await scanner.scan(input.raw))
    } catch (err) {
      // The scanner is built never to throw on input; if it does, name the message and go on.
      unreadable++
      io.stderr(`moat scan: ${input.origin}: could not be scanned: ${(err as Error).message}`)
      continue
    }
    scanned++
    io.stdout(
      values.json ? JSON.stringify({ ...verdict, origin: input.origin }) : formatVerdict(verdict, input.origin) + '\n',
    )
  }

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
      },
    })
  } catch (err) {
    throw new CliError(`moat scan: ${(err as Error).message}\n${SCAN_USAGE}`)
  }
}
