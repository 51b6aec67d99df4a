/** DnsBreaker: stops asking a DNS server that has stopped answering, for a while, so scans do not each wait it out. */

/** Questions in a row without any answer before DNS counts as down. */
const TIMEOUTS_TO_OPEN = 5
/** How long questions fail at once before one is tried again. */
const OPEN_MS = 30_000

/**
 * Shared by every scan of one engine. Where DNS does not answer at all, each message would
 * otherwise spend `dnsTimeoutMs` per question and end at its deadline; with the breaker open,
 * it gets its temporary error at once. Any answer, "no such name" included, closes it.
 */
export class DnsBreaker {
  #timeouts = 0
  #openUntil = 0
  #now: () => number

  constructor(now: () => number = () => performance.now()) {
    this.#now = now
  }

  /** True while questions should fail without being asked. */
  isOpen(): boolean {
    return this.#now() < this.#openUntil
  }

  /** The server answered (with records, "no such name" or an error code of its own). */
  answered(): void {
    this.#timeouts = 0
    this.#openUntil = 0
  }

  /** A question got no answer within its own timeout (not one cut short by a scan's deadline). */
  timedOut(): void {
    if (++this.#timeouts >= TIMEOUTS_TO_OPEN) this.#openUntil = this.#now() + OPEN_MS
  }
}
