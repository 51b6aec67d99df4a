/** CliError: a failure the command line reports in one plain line, with its exit status. */

export const EXIT_OK = 0
/** Some input could not be read; everything else was scanned. */
export const EXIT_IO = 1
/** The command line itself was wrong (unknown flag, missing argument, bad policy). */
export const EXIT_USAGE = 2

export class CliError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}
