/** AuthOutcome: what is known about the sender, whether Moat checked it or a trusted server reported it. */

/** RFC 7208 s2.6 results; `temperror` also when DNS did not answer in time. */
export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror'

export interface SpfCheck {
  result: SpfResult
  /** The domain checked: of MAIL FROM, or of HELO for the null sender (RFC 7208 s2.4). */
  domain: string
  clientIp: string | null
  helo: string | null
}

export interface DkimCheck {
  /** The signing domain (`d=`). */
  domain: string
  selector: string
  /** `fail` covers every signature that does not verify (RFC 6376 s3.9 PERMFAIL). */
  result: 'pass' | 'fail' | 'temperror'
  /** Why it did not verify, in words a mailbox owner understands. */
  reason: string | null
}

export type DmarcPolicy = 'none' | 'quarantine' | 'reject'

export interface DmarcCheck {
  /**
   * `pass`: SPF or DKIM passed for a domain aligned with From. `fail`: neither did, and the
   * domain publishes DMARC. `none`: nothing passed and the domain publishes no DMARC.
   * `unknown`: nothing passed, but SPF could not be checked, so failure is not shown.
   * `temperror`: DNS failed where it mattered.
   */
  result: 'pass' | 'fail' | 'none' | 'unknown' | 'temperror'
  /** The policy that applies to the From domain (`sp` for subdomains, RFC 7489 s6.6.3). */
  policy: DmarcPolicy | null
  /** How the From domain was authenticated, when it was. */
  alignedBy: 'dkim' | 'spf' | 'dmarc' | null
  /** The authenticated domain (`d=` or MAIL FROM domain). */
  alignedDomain: string | null
}

/** A trusted ARC sealer's report that the From domain passed before the message was changed (RFC 8617 s7.2). */
export interface ArcVouch {
  sealer: string
  instance: number
  /** What the sealer reported: `dmarc=pass`, or an aligned `dkim=pass`/`spf=pass`. */
  alignedBy: 'dmarc' | 'dkim' | 'spf'
}

export interface AuthOutcome {
  /** The From domain, ASCII, lower case. */
  fromDomain: string
  /** `moat` when Moat checked, else the trusted authserv-ids whose Authentication-Results were used. */
  checkedBy: 'moat' | string[]
  /** null when SPF was not checked; `spfMissing` says why. */
  spf: SpfCheck | null
  spfMissing: string | null
  dkim: DkimCheck[]
  dmarc: DmarcCheck
  arc: ArcVouch | null
  /** DNS questions that failed (`name/TXT ETIMEOUT`). */
  dnsFailures: string[]
  /** True when the deadline cut DNS short. */
  cutByDeadline: boolean
}
