/** `moat backfill --account NAME`: scans the mail already in a mailbox and prints the verdicts, acting on nothing. */
import { parseArgs } from 'node:util'
import type { Verdict } from '@moat/contract'
import type { Logger } from '../log.ts'
import { chunksBySize } from '../mailbox/fetch-chunks.ts'
import { ImapSession } from '../mailbox/imap/imap-session.ts'
import { CliError } from './cli-error.ts'
import { loadScanner } from './load-scanner.ts'
import { terminalSafe } from './terminal-safe.ts'
import { loadConfigOption } from './watch-config-option.ts'

export const BACKFILL_USAGE = `usage: moat backfill --account NAME [--config moat.yaml] [--mailbox NAME] [--last N] [--json]
  Scans the messages already in an account's mailbox (its watched mailbox by default; the newest
  N with --last) and prints one verdict per message and a summary. Moves, flags and records
  nothing: the watcher itself only acts on mail that arrives after it first started.`

export async function backfillCommand(
  args: string[],
  io: { stdout: (text: string) => void; log: Logger },
): Promise<number> {
  const { values } = parse(args)
  const { config, file } = await loadConfigOption(values.config)
  const account = config.accounts.find((a) => a.name === values.account)
  if (!account) {
    const known = config.accounts.map((a) => a.name).join(', ') || 'none'
    throw new CliError(
      `moat backfill: no account ${JSON.stringify(values.account)} in ${file ?? 'the configuration'} (accounts: ${known})`,
    )
  }
  const last = values.last === undefined ? Infinity : Number(values.last)
  if (!(last > 0)) throw new CliError(`moat backfill: --last must be a positive number`)
  const mailbox = values.mailbox ?? account.mailbox

  const { scanner, state } = await loadScanner(values.policy ?? config.policy, io.log, { createState: false })
  let session: ImapSession
  try {
    session = await ImapSession.connect(account, io.log)
  } catch (err) {
    await scanner.close()
    state?.close()
    throw new CliError(`moat backfill: cannot connect to ${account.name}: ${(err as Error).message}`, 1)
  }
  const counts: Record<string, number> = {}
  try {
    await session.open(mailbox)
    const all = await session.uidsAfter(0)
    const uids = Number.isFinite(last) ? all.slice(-last) : all
    for (const chunk of chunksBySize(uids, await session.sizes(uids))) {
      for (const [uid, message] of await session.fetch(chunk)) {
        const { verdict } = await scanner.scan(message.source)
        counts[verdict.action] = (counts[verdict.action] ?? 0) + 1
        io.stdout(values.json ? JSON.stringify({ uid, verdict }) : formatLine(uid, verdict))
      }
    }
    const summary = Object.entries(counts).map(([action, n]) => `${n} ${action}`)
    io.stdout(
      `moat backfill: ${account.name} ${mailbox}: ${uids.length} scanned${summary.length ? `: ${summary.join(', ')}` : ''}`,
    )
    return 0
  } finally {
    await session.close()
    await scanner.close()
    state?.close()
  }
}

function formatLine(uid: number, verdict: Verdict): string {
  const top = verdict.reasons[0]
  const subject = terminalSafe(verdict.message.subject ?? '(no subject)').slice(0, 60)
  return `UID ${uid}\t${verdict.action.toUpperCase()}\t${verdict.score.toFixed(1)}\t${subject}${top ? `\t${top.code}` : ''}`
}

function parse(args: string[]) {
  try {
    const parsed = parseArgs({
      args,
      options: {
        account: { type: 'string' },
        config: { type: 'string' },
        mailbox: { type: 'string' },
        last: { type: 'string' },
        policy: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    })
    if (!parsed.values.account) throw new Error('--account is required')
    return parsed as typeof parsed & { values: { account: string } }
  } catch (err) {
    throw new CliError(`moat backfill: ${(err as Error).message}\n${BACKFILL_USAGE}`)
  }
}
