/** startClamd: a clamd of Moat's own on loopback (TCP) or a unix socket, for tests and `moat start`. */
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { clamdCommand, formatClamdAddress, type ClamdAddress } from '../../engines/clamav/index.ts'
import { silentLogger, type Logger } from '../../log.ts'
import { startDaemon, type RunningDaemon } from '../child-daemon.ts'
import { freePort } from '../free-port.ts'
import { clamdConfig } from './clamd-config.ts'
import { chooseDatabase, hasOfficialDatabase, type SignatureSource } from './database-choice.ts'
import { ensureClamavPackages } from './packages.ts'
import { serviceUser } from '../service-user.ts'

export interface StartClamdOptions {
  /** clamd's config, log, pid file, temporary files and unix socket go here. */
  workDir: string
  /** Signatures to load; by default the machine's freshclam download, else EICAR alone. */
  databaseDir?: string
  /** Loopback TCP on a free port (the default), or a unix socket in workDir. */
  socket?: 'tcp' | 'unix'
  /** StreamMaxLength; the clamav engine's maxStreamBytes must not exceed it. 25 MiB, as Debian ships it. */
  streamMaxBytes?: number
  /**
   * An account for clamd to run as when Moat runs as root (`clamav`, as the packaged service does):
   * clamd parses hostile files, and a parser bug should not own the machine. workDir is handed to
   * it; every folder above workDir, and databaseDir, must be readable by it. Unset: clamd runs as
   * the caller.
   */
  user?: string
  /**
   * Where clamd writes each stream before scanning it, and what it unpacks: `memory` (the default)
   * is a folder of its own on the tmpfs /dev/shm when there is one with room, else `workDir/tmp`;
   * `disk` is always `workDir/tmp`. See chooseTempDir.
   */
  temporaryFiles?: 'memory' | 'disk'
  log?: Logger
}

export interface ClamdInstance {
  /** `tcp://127.0.0.1:PORT` or `unix:/path`: the clamav engine's `address`, and MOAT_CLAMD_ADDRESS. */
  readonly address: string
  /** VERSION's answer: `ClamAV 1.4.6`, or `ClamAV 1.4.6/27120/<date>` with the official database. */
  readonly version: string
  /** `eicar-only` means clamd detects the EICAR test file and nothing else: run freshclam. */
  readonly signatureSource: SignatureSource
  readonly databaseDir: string
  /** As clamd's log says ("Loaded N signatures"), or null if it did not say. */
  readonly signatures: number | null
  readonly streamMaxBytes: number
  readonly configFile: string
  /** clamd's own log (scans, detections, start-up). */
  readonly logFile: string
  /** clamd's TemporaryDirectory (see StartClamdOptions.temporaryFiles). */
  readonly tempDir: string
  /** The running clamd's process id (a new one after restart). */
  readonly pid: number
  /** SIGTERM, then SIGKILL after a grace period; resolves once clamd is gone. */
  stop(): Promise<void>
  /** Signals clamd without waiting (tests kill it mid-scan); SIGKILL unless told. */
  kill(signal?: NodeJS.Signals): void
  /** Stops clamd if it still runs and starts it again at the same address. */
  restart(): Promise<void>
}

const MiB = 1024 * 1024
/** Loading the official database (about 8 million signatures) takes 10-40 s and about 1 GB. */
const READY_TIMEOUT_SYSTEM_MS = 180_000
const READY_TIMEOUT_SMALL_MS = 30_000
/** A TCP port from freePort can be taken before clamd binds it; a fresh one is tried this often. */
const PORT_ATTEMPTS = 3
/** Longest unix socket path (sun_path is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107

/**
 * Installs clamd if missing, writes a clamd.conf into workDir and starts clamd; resolves once it
 * answers PING with PONG. Throws with the end of clamd's log when it does not start.
 *
 * @example
 * const clamd = await startClamd({ workDir: '/tmp/moat-clamd', databaseDir: buildTestDatabase('/tmp/db').dir })
 * // policy: engines.clamav.config.address = clamd.address
 * await clamd.stop()
 */
export async function startClamd(options: StartClamdOptions): Promise<ClamdInstance> {
  ensureClamavPackages()
  const log = options.log ?? silentLogger
  const workDir = options.workDir
  mkdirSync(join(workDir, 'tmp'), { recursive: true })
  const database = chooseDatabase(workDir, options.databaseDir)
  const streamMaxBytes = options.streamMaxBytes ?? 25 * MiB
  const user = options.user ? serviceUser(options.user) : null
  if (options.user && !user && process.getuid?.() === 0)
    throw new Error(`startClamd: there is no account ${options.user}`)
  const tempDir = chooseTempDir(workDir, options.temporaryFiles ?? 'memory', streamMaxBytes)
  /** Made again before each launch: stop() removes an in-memory folder, and restart() may follow. */
  const ensureDirs = () => {
    mkdirSync(tempDir, { recursive: true, mode: 0o700 })
    // clamd writes its log, pid file and temporary files here after giving up root.
    if (user) for (const dir of new Set([workDir, join(workDir, 'tmp'), tempDir])) chownSync(dir, user.uid, user.gid)
  }
  const removeTempDir = () => {
    if (tempDir !== join(workDir, 'tmp')) rmSync(tempDir, { recursive: true, force: true })
  }

  const configFile = join(workDir, 'clamd.conf')
  const logFile = join(workDir, 'clamd.log')
  const socketPath = join(workDir, 'clamd.sock')
  if (options.socket === 'unix' && socketPath.length > MAX_SOCKET_PATH) {
    throw new Error(
      `startClamd: the socket path ${socketPath} is longer than ${MAX_SOCKET_PATH} bytes; use a shorter workDir`,
    )
  }

  const launch = async (listen: ClamdAddress): Promise<RunningDaemon> => {
    ensureDirs()
    writeFileSync(
      configFile,
      clamdConfig({
        workDir,
        databaseDir: database.dir,
        listen: listen.kind === 'tcp' ? { tcpPort: listen.port } : { socketPath: listen.path },
        tempDir,
        streamMaxBytes,
        logFile,
        ...(user ? { user: user.name } : {}),
      }),
    )
    // A clamd killed with SIGKILL leaves its socket file behind, and a new one would not bind.
    if (listen.kind === 'unix') rmSync(listen.path, { force: true })
    try {
      return await startDaemon({
        name: 'clamd',
        command: existsSync('/usr/sbin/clamd') ? '/usr/sbin/clamd' : 'clamd',
        args: ['--config-file', configFile],
        cwd: workDir,
        isReady: () => answersPing(listen),
        readyTimeoutMs: hasOfficialDatabase(database.dir) ? READY_TIMEOUT_SYSTEM_MS : READY_TIMEOUT_SMALL_MS,
        // clamd's own log goes to logFile; this catches what it prints before opening it.
        logFile: join(workDir, 'clamd.out'),
      })
    } catch (err) {
      throw new Error(`${(err as Error).message}\nlast lines of ${logFile}:\n${tail(logFile)}`, { cause: err })
    }
  }

  const started = performance.now()
  let address: ClamdAddress = { kind: 'unix', path: socketPath }
  let daemon: RunningDaemon | null = null
  try {
    if (options.socket === 'unix') daemon = await launch(address)
    else {
      for (let attempt = 1; !daemon; attempt++) {
        address = { kind: 'tcp', host: '127.0.0.1', port: await freePort() }
        try {
          daemon = await launch(address)
        } catch (err) {
          if (attempt >= PORT_ATTEMPTS || !/Address already in use/i.test((err as Error).message)) throw err
        }
      }
    }
  } catch (err) {
    removeTempDir()
    throw err
  }
  let running: RunningDaemon = daemon
  let version: string
  try {
    version = await clamdCommand(address, 'VERSION', { signal: AbortSignal.timeout(5000) })
  } catch (err) {
    await running.stop()
    removeTempDir()
    throw err
  }
  const signatures = loadedSignatures(logFile)
  log.info('clamd started', {
    address: formatClamdAddress(address),
    version,
    signatureSource: database.source,
    signatures,
    startMs: Math.round(performance.now() - started),
  })
  if (database.source === 'eicar-only') {
    log.warn(
      `clamd has no ClamAV database (${database.dir} holds only the EICAR test signature): it detects no real malware until freshclam downloads one`,
    )
  }

  return {
    address: formatClamdAddress(address),
    version,
    signatureSource: database.source,
    databaseDir: database.dir,
    signatures,
    streamMaxBytes,
    configFile,
    logFile,
    tempDir,
    get pid() {
      return running.pid
    },
    async stop() {
      await running.stop()
      removeTempDir()
    },
    kill: (signal = 'SIGKILL') => running.kill(signal),
    async restart() {
      await running.stop()
      // A TCP port lingers for a moment after a kill; a few tries ride that out.
      for (let attempt = 1; ; attempt++) {
        try {
          running = await launch(address)
          return
        } catch (err) {
          if (attempt >= PORT_ATTEMPTS) throw err
          await sleep(500)
        }
      }
    },
  }
}

/** /dev/shm must have at least this much free, beyond a few streams' worth, to be used. */
const MIN_MEMORY_FREE = 512 * MiB

/**
 * clamd writes every INSTREAM stream to a file in its TemporaryDirectory, then unpacks the MIME
 * parts of a message into more files, and deletes them all: on a journalling disk file system
 * that was a third of clamd's CPU per message (measured on the SpamAssassin corpus: 1.08 ms per
 * message with the files on ext4, 0.74 on tmpfs), for files that live a millisecond. The files
 * are at most a few streams of StreamMaxLength at once; when /dev/shm lacks room for several
 * (or does not exist), they go to `workDir/tmp` as before. A full tmpfs fails a scan, which the
 * engine reports as an error (the message is held), never as clean.
 */
function chooseTempDir(workDir: string, wanted: 'memory' | 'disk', streamMaxBytes: number): string {
  const onDisk = join(workDir, 'tmp')
  if (wanted === 'disk') return onDisk
  try {
    const fs = statfsSync('/dev/shm')
    if (fs.type !== TMPFS_MAGIC || fs.bavail * fs.bsize < MIN_MEMORY_FREE + 8 * streamMaxBytes) return onDisk
    const dir = mkdtempSync('/dev/shm/moat-clamd-')
    // clamd's temporary files are copies of mail: only its own account may read them.
    chmodSync(dir, 0o700)
    return dir
  } catch {
    return onDisk
  }
}

/** statfs f_type of tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994

function answersPing(address: ClamdAddress): Promise<boolean> {
  return clamdCommand(address, 'PING', { signal: AbortSignal.timeout(1000) }).then(
    (reply) => reply === 'PONG',
    () => false,
  )
}

/** clamd logs "Loaded N signatures." once the database is in memory. */
function loadedSignatures(logFile: string): number | null {
  const matches = [...readText(logFile).matchAll(/Loaded (\d+) signatures/g)]
  const last = matches.at(-1)
  return last ? Number(last[1]) : null
}

function tail(path: string): string {
  return readText(path).split('\n').slice(-15).join('\n')
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}
