/** clamdConfig: the clamd.conf that startClamd writes, loopback only, with limits that suit mail (clamd.conf(5)). */

export interface ClamdConfigOptions {
  workDir: string
  /** TemporaryDirectory: where clamd writes each stream and what it unpacks from it; `workDir/tmp` by default. */
  tempDir?: string
  databaseDir: string
  listen: { tcpPort: number } | { socketPath: string }
  /** StreamMaxLength: INSTREAM data beyond it is refused. */
  streamMaxBytes: number
  /** Set when running as root: clamd parses hostile files, so it should not do that as root. */
  user?: string
  logFile: string
}

const MiB = 1024 * 1024

/** Values in bytes without suffixes ("in bytes just don't use modifiers", clamd.conf(5)). */
export function clamdConfig(o: ClamdConfigOptions): string {
  const lines = [
    '# Written by Moat (startClamd) for a clamd it runs itself; see clamd.conf(5).',
    // startDaemon owns the process: clamd must not fork into the background.
    'Foreground yes',
    `LogFile ${o.logFile}`,
    'LogTime yes',
    `PidFile ${o.workDir}/clamd.pid`,
    `TemporaryDirectory ${o.tempDir ?? `${o.workDir}/tmp`}`,
    `DatabaseDirectory ${o.databaseDir}`,
    ...('tcpPort' in o.listen
      ? [`TCPSocket ${o.listen.tcpPort}`, 'TCPAddr 127.0.0.1']
      : [`LocalSocket ${o.listen.socketPath}`, 'LocalSocketMode 660']),
    ...(o.user ? [`User ${o.user}`] : []),
    `StreamMaxLength ${o.streamMaxBytes}`,
    // Files inside a message (archive members, attachments) may be as large as the message; the
    // total unpacked may be larger (clamd's defaults: 100M per file, 400M in all).
    `MaxFileSize ${Math.max(o.streamMaxBytes, 100 * MiB)}`,
    `MaxScanSize ${Math.max(4 * o.streamMaxBytes, 400 * MiB)}`,
    // A scan cut short at a limit answers "Heuristics.Limits.Exceeded.*" instead of a silent OK,
    // so the engine can report the part as not checked.
    'AlertExceedsMax yes',
    // Picks up freshclam's downloads without a restart.
    'SelfCheck 3600',
  ]
  return lines.join('\n') + '\n'
}
