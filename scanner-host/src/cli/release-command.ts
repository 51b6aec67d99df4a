/** `moat release --account NAME --message-id ID`: moves a held message back to the mailbox it arrived in. */
import { parseArgs } from 'node:util'
import type { Logger } from '../log.ts'
import { ImapSession } from '../mailbox/imap/imap-session.ts'
import { MailboxStore } from '../mailbox/mailbox-store.ts'
import { ReleaseError, releaseMessage } from '../mailbox/release-message.ts'
import { CliError } from './cli-error.ts'
import { openStateOption } from './load-scanner.ts'
import { loadConfigOption } from './watch-config-option.ts'

export const RELEASE_USAGE = `usage: moat release --account NAME --message-id '<id@host>' [--config moat.yaml] [--why TEXT]
  Moves a message Moat holds (in Quarantine, or Trash) back to the mailbox it arrived in, marked
  $MoatReleased so the watcher does not hold it again, and records the release. Safe to repeat.`

export async function releaseCommand(
  args: string[],
  io: { stdout: (text: string) => void; log: Logger },
): Promise<number> {
  const { values } = parse(args)
  const { config } = await loadConfigOption(values.config)
  const account = config.accounts.find((a) => a.name === values.account)
  if (!account) throw new CliError(`moat release: no account ${JSON.stringify(values.account)} in the configuration`)
  const state = await openStateOption(true)
  try {
    const store = new MailboxStore(state)
    const rows = await store.byMessageId(account.name, values['message-id'])
    const held = rows.find((row) => row.location && row.location !== row.mailbox && row.locationUid !== null)
    if (!held) {
      const where = rows[0] ? `it is in ${rows[0].location ?? 'no known mailbox'}` : 'Moat has no record of it'
      throw new CliError(`moat release: ${values['message-id']} is not held for ${account.name}: ${where}`, 1)
    }
    const session = await ImapSession.connect(account, io.log)
    try {
      const uid = await releaseMessage(session, store, held, { detail: values.why ?? 'released with moat release' })
      io.stdout(
        `moat release: ${values['message-id']} moved from ${held.location} back to ${held.mailbox} (UID ${uid})`,
      )
      return 0
    } catch (err) {
      if (err instanceof ReleaseError) throw new CliError(`moat release: ${err.message}`, 1)
      throw err
    } finally {
      await session.close()
    }
  } finally {
    state.close()
  }
}

function parse(args: string[]) {
  try {
    const parsed = parseArgs({
      args,
      options: {
        account: { type: 'string' },
        'message-id': { type: 'string' },
        config: { type: 'string' },
        why: { type: 'string' },
      },
    })
    if (!parsed.values.account || !parsed.values['message-id'])
      throw new Error('--account and --message-id are required')
    return parsed as typeof parsed & { values: { account: string; 'message-id': string } }
  } catch (err) {
    throw new CliError(`moat release: ${(err as Error).message}\n${RELEASE_USAGE}`)
  }
}
