/** Link: one URL found in a message, after undoing security-gateway rewrites and open redirects. */

export type LinkSource = 'text' | 'html'

export interface Link {
  /** Where the link really leads: the gateway's target when a rewrite was undone. */
  url: string
  /** Host of `url` as a browser resolves it: lower case, punycode, IPv4 dotted, IPv6 in brackets. */
  host: string
  /** The host as written in the message (decimal IPs, Unicode letters), for evidence. */
  writtenHost: string
  /** Registered domain of `host` (Public Suffix List), null for IP literals. */
  registeredDomain: string | null
  /** What the reader sees: the anchor's text (HTML only), whitespace collapsed. */
  displayedText?: string
  source: LinkSource
  /** Gateway that rewrote the link ('Microsoft Safe Links'), when one did. */
  rewrittenBy?: string
  /** The rewritten URL as it appears in the message. */
  rewrittenUrl?: string
  /** False when the gateway hides the target (Mimecast protect links); `url` is then the gateway's. */
  targetKnown?: boolean
  /** Open redirects passed through on the way ('Google'), when the link went through one. */
  redirectedVia?: string
}
