/** startDovecot: a private Dovecot IMAP server on a free loopback port, for tests and `npm run bench:imap`. */
import { appendFileSync, chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startDaemon, type RunningDaemon } from '../child-daemon.ts'
import { freePort } from '../free-port.ts'
import { ensurePackagesOnce } from '../system-packages.ts'
import { canConnect } from '../tcp-probe.ts'
import { serviceUser } from '../service-user.ts'

export interface DovecotUser {
  user: string
  pass: string
}

export interface DovecotOptions {
  /** Created when missing; holds the config, the maildirs and the logs. Must be reachable by `nobody`. */
  workDir: string
  users: readonly DovecotUser[]
  /** A fixed port (a restart keeps its port); a free one by default. */
  port?: number
}

export interface RunningDovecot {
  readonly host: string
  readonly port: number
  readonly workDir: string
  /** Dovecot's own log, with one `mail_log` line per saved, copied or expunged message. */
  readonly logFile: string
  /** Stops the server; the maildirs stay, so `start` again serves the same mail. */
  stop(): Promise<void>
  /** SIGKILL to the whole server, as a crash would. */
  kill(): void
  /** Starts it again on the same port (after `stop` or `kill`). */
  start(): Promise<void>
  /** The `mail_log` events Dovecot logged so far, e.g. to count how often a message was moved. */
  mailEvents(): MailEvent[]
}

/** One line of Dovecot's mail_log plugin: `copy from INBOX: box=Quarantine, uid=3, msgid=<…>, flags=()`. */
export interface MailEvent {
  user: string
  box: string
  uid: number
  messageId: string
  /** `save`, `copy from INBOX`, `expunge`, `flag_change`. */
  event: string
  flags: string
}

/**
 * The minimal configuration of environment.md (passwd-file users, maildir, plain login on
 * loopback) plus the mail_log plugin, whose log lets tests check what happened to each message
 * from the server's side rather than from Moat's own records.
 */
function dovecotConfig(dir: string, port: number): string {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
mail_plugins = $mail_plugins notify mail_log
mail_max_userip_connections = 100
plugin {
  mail_log_events = save copy expunge flag_change
  mail_log_fields = uid box msgid flags
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
}
`
}

/** Installs `dovecot-imapd` when missing (the project's own script), writes the config and starts it. */
export async function startDovecot(options: DovecotOptions): Promise<RunningDovecot> {
  ensurePackagesOnce('Dovecot', ['dovecot-imapd'])
  const dir = resolve(options.workDir)
  for (const sub of ['mail', 'run', 'state']) mkdirSync(join(dir, sub), { recursive: true })
  // Dovecot's auth process runs unprivileged and must read its way to the users file.
  chmodSync(dir, 0o755)
  const nobody = serviceUser('nobody')
  if (nobody) chownSync(join(dir, 'mail'), nobody.uid, nobody.gid)
  writeFileSync(join(dir, 'users'), options.users.map((u) => `${u.user}:{PLAIN}${u.pass}\n`).join(''))
  const port = options.port ?? (await freePort())
  const config = join(dir, 'dovecot.conf')
  writeFileSync(config, dovecotConfig(dir, port))
  const logFile = join(dir, 'dovecot.log')

  let daemon: RunningDaemon | null = null
  const start = async () => {
    daemon = await startDaemon({
      name: 'dovecot',
      command: 'dovecot',
      // -F: stay in the foreground, so the launcher owns the process group and its exit.
      args: ['-F', '-c', config],
      isReady: () => canConnect({ host: '127.0.0.1', port }),
      readyTimeoutMs: 15_000,
      logFile: join(dir, 'dovecot.stdout.log'),
    })
  }
  await start()
  return {
    host: '127.0.0.1',
    port,
    workDir: dir,
    logFile,
    async stop() {
      await daemon?.stop()
      daemon = null
    },
    kill() {
      daemon?.kill('SIGKILL')
      daemon = null
    },
    async start() {
      if (daemon) return
      // A killed server leaves its pid and sockets; Dovecot refuses to start over a live-looking pid.
      appendFileSync(logFile, '')
      await start()
    },
    mailEvents: () => parseMailEvents(readLog(logFile)),
  }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

const MAIL_LOG_LINE = /imap\(([^)]+)\)\S*: Info: ([^:]+): box=([^,]*), uid=(\d+), msgid=(.*?), flags=\(([^)]*)\)$/

/** The mail_log lines of Dovecot's log, parsed; other lines are skipped. */
export function parseMailEvents(log: string): MailEvent[] {
  const events: MailEvent[] = []
  for (const line of log.split('\n')) {
    const match = MAIL_LOG_LINE.exec(line)
    if (!match) continue
    const [, user, event, box, uid, messageId, flags] = match
    events.push({ user: user!, event: event!, box: box!, uid: Number(uid), messageId: messageId!, flags: flags! })
  }
  return events
}
