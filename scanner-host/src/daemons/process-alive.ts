/** isProcessAlive: whether a process id names a running process (for lock and pid files left by a killed process). */

/** Signal 0 checks without signalling; EPERM means it runs as another user, which is still alive. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
