/** A small structured logger interface, injected everywhere so tests and services choose the sink. */

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

type Level = 'debug' | 'info' | 'warn' | 'error'
const LEVELS: Level[] = ['debug', 'info', 'warn', 'error']

/** JSON lines on stderr, so stdout stays free for command output. */
export function createJsonLogger(minLevel: Level = 'info', sink: (line: string) => void = writeStderr): Logger {
  const min = LEVELS.indexOf(minLevel)
  const log = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVELS.indexOf(level) < min) return
    sink(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }))
  }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

function writeStderr(line: string): void {
  process.stderr.write(line + '\n')
}
