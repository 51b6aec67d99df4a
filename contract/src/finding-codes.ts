/** The catalogue of finding codes: every code any engine or the policy may emit, with its meaning. */
import type { Severity } from './finding.ts'

interface CodeInfo {
  /** Severity an engine reports unless the evidence warrants another. */
  severity: Severity
  /** What the code means, for policy authors and user interfaces. */
  summary: string
}

/** Codes are stable: user interfaces, policies and stored scan records refer to them by name. */
export const FINDING_CODES = {
  // Parsing and limits (the `mime` pseudo-engine).
  MIME_MALFORMED: { severity: 'medium', summary: 'The message structure is broken; it was read as far as possible.' },
  LIMIT_SIZE: { severity: 'high', summary: 'The message is larger than the scanner reads in full.' },
  LIMIT_HEADER_SIZE: { severity: 'high', summary: 'A header block is larger than any real mail needs.' },
  LIMIT_PARTS: { severity: 'high', summary: 'The message has more MIME parts than the scanner reads.' },
  LIMIT_NESTING: { severity: 'high', summary: 'MIME parts are nested deeper than the scanner reads.' },
  LIMIT_PARSE_TIME: { severity: 'high', summary: 'Reading the message took longer than allowed.' },
  LIMIT_BODY_SIZE: { severity: 'medium', summary: 'A message body is larger than the scanner reads in full.' },
  LIMIT_ATTACHMENT_SIZE: { severity: 'low', summary: 'An attachment was larger than the scanner reads in full.' },

  // Moat's own end-to-end test string.
  MOAT_TEST_STRING: { severity: 'critical', summary: "The message carries Moat's test string." },

  // Attachments.
  ATTACH_EXECUTABLE: { severity: 'high', summary: 'An attachment is a program.' },
  ATTACH_SCRIPT: { severity: 'high', summary: 'An attachment is a script.' },
  ATTACH_SHORTCUT: { severity: 'high', summary: 'An attachment is a shortcut that can launch programs.' },
  ATTACH_WEB_SHORTCUT: { severity: 'low', summary: 'An attachment is a shortcut to a web address.' },
  ATTACH_DISK_IMAGE: { severity: 'high', summary: 'An attachment is a disk image, a common way to smuggle programs.' },
  ATTACH_HTML: { severity: 'medium', summary: 'An attachment is a web page that opens in the browser.' },
  ATTACH_ONENOTE: { severity: 'high', summary: 'An attachment is a OneNote notebook, a common malware lure.' },
  ATTACH_MACRO_OFFICE: { severity: 'high', summary: 'An attachment is an Office document with macros.' },
  ATTACH_DOUBLE_EXTENSION: {
    severity: 'high',
    summary: 'An attachment name hides its real type behind a second extension.',
  },
  ATTACH_TYPE_MISMATCH: { severity: 'medium', summary: 'An attachment is not the type its name or label claims.' },
  ATTACH_ARCHIVE_BOMB: { severity: 'high', summary: 'An archive expands to far more than it should (archive bomb).' },
  ATTACH_ARCHIVE_ENCRYPTED: {
    severity: 'medium',
    summary: 'An archive is password-protected, so its contents cannot be checked.',
  },
  ATTACH_ARCHIVE_TOO_DEEP: {
    severity: 'high',
    summary: 'Archives are nested inside archives deeper than the scanner reads.',
  },
  ATTACH_ARCHIVE_CORRUPT: { severity: 'medium', summary: 'An archive is damaged and could not be fully read.' },
  ATTACH_ARCHIVE_UNREAD: {
    severity: 'medium',
    summary: 'An archive could not be opened to check what is inside.',
  },

  // HTML body.
  HTML_SMUGGLING: { severity: 'high', summary: 'The message builds a file inside the browser (HTML smuggling).' },
  HTML_HIDDEN_TEXT: { severity: 'medium', summary: 'The message hides text from the reader.' },
  HTML_FORM_CREDENTIALS: {
    severity: 'high',
    summary: 'The message contains a form asking for a password, to be sent to another site or by script.',
  },
  HTML_FORM_EXTERNAL: {
    severity: 'low',
    summary: 'The message contains a form that sends what you type to another site.',
  },
  HTML_SCRIPT: { severity: 'medium', summary: 'The message contains script code.' },

  // Impersonation.
  IMPERSONATION_DISPLAY_NAME_ADDRESS: {
    severity: 'high',
    summary: "The sender's display name shows an address at another domain.",
  },
  IMPERSONATION_PROTECTED_PERSON: {
    severity: 'high',
    summary: 'The sender uses the name of a person in your organization but writes from outside.',
  },
  IMPERSONATION_REPLY_TO_MISMATCH: {
    severity: 'medium',
    summary: 'Replies would go to a different domain than the sender.',
  },
  IMPERSONATION_LOOKALIKE_DOMAIN: { severity: 'high', summary: 'The sender domain imitates a protected domain.' },

  // Links.
  LINK_TEXT_MISMATCH: { severity: 'high', summary: 'A link shows one address but leads to another site.' },
  LINK_IP_HOST: { severity: 'medium', summary: 'A link points at a bare IP address instead of a name.' },
  LINK_SHORTENER: { severity: 'low', summary: 'A link goes through a URL shortener that hides its destination.' },
  LINK_PUNYCODE_HOST: {
    severity: 'medium',
    summary: 'A link host uses international characters that can imitate another name.',
  },
  LINK_LOOKALIKE_DOMAIN: { severity: 'high', summary: 'A link host imitates a protected domain.' },
  LINK_REWRITTEN: {
    severity: 'info',
    summary: 'A link was rewritten by a security gateway; its real target was checked.',
  },
  LIMIT_LINKS: {
    severity: 'low',
    summary: 'The message has more links than the scanner checks; only the first ones were checked.',
  },

  // The Bayesian junk filter, in bands of its spam probability (as SpamAssassin's BAYES_nn rules).
  BAYES_HAM: {
    severity: 'info',
    summary: 'The junk filter, trained on reported mail, rates the message as good mail.',
  },
  BAYES_SPAM_LIKELY: { severity: 'low', summary: 'The junk filter rates the message as probably spam.' },
  BAYES_SPAM: { severity: 'medium', summary: 'The junk filter rates the message as spam.' },
  BAYES_SPAM_CERTAIN: { severity: 'high', summary: 'The junk filter is all but certain the message is spam.' },

  // Fingerprint proximity: TLSH fingerprints of reported messages.
  FINGERPRINT_REPORTED_SPAM: {
    severity: 'high',
    summary: 'The message or an attachment closely resembles one reported as spam or phishing.',
  },

  // Sender authentication: SPF (RFC 7208), DKIM (RFC 6376), DMARC (RFC 7489), ARC (RFC 8617), or a
  // trusted server's Authentication-Results (RFC 8601).
  AUTH_ALIGNED_PASS: {
    severity: 'info',
    summary: 'The sender proved the From domain: SPF or DKIM passed and matched it (DMARC alignment).',
  },
  AUTH_DMARC_FAIL: {
    severity: 'high',
    summary: 'Nothing proved the From domain, and that domain asks receivers to reject or quarantine such mail.',
  },
  AUTH_DMARC_FAIL_MONITOR: {
    severity: 'medium',
    summary: 'Nothing proved the From domain; the domain only monitors such failures (p=none).',
  },
  AUTH_SPF_FAIL: {
    severity: 'medium',
    summary: 'The server that delivered the message is not allowed to send for the domain.',
  },
  AUTH_SPF_SOFTFAIL: {
    severity: 'low',
    summary: 'The server that delivered the message is probably not allowed to send for the domain.',
  },
  AUTH_DKIM_FAIL: { severity: 'medium', summary: 'A digital signature on the message does not verify.' },
  AUTH_NONE: { severity: 'low', summary: 'Nothing proves who sent the message, and nothing shows it was forged.' },
  AUTH_TEMPERROR: {
    severity: 'info',
    summary: 'The sender could not be checked right now (DNS failed or time ran out); it is not treated as verified.',
  },
  AUTH_FROM_UNVERIFIABLE: {
    severity: 'medium',
    summary: 'The From field is missing, repeated or has no valid domain, so the sender cannot be checked.',
  },

  // Rspamd: its verdict as one finding scored with Rspamd's own score; its symbols are the evidence.
  RSPAMD_REJECT: { severity: 'high', summary: 'Rspamd rates the message as spam it would refuse.' },
  RSPAMD_JUNK: { severity: 'medium', summary: 'Rspamd rates the message as probably spam.' },
  RSPAMD_SCORE: { severity: 'low', summary: 'Rspamd found some signs of spam, too few for it to act on.' },

  // ClamAV (clamd): signatures over the raw message and every decoded attachment.
  CLAMAV_MALWARE: { severity: 'critical', summary: 'ClamAV recognised known malware in the message or an attachment.' },
  CLAMAV_SUSPICIOUS: {
    severity: 'high',
    summary:
      'ClamAV flagged part of the message as suspicious (a heuristic or an unwanted program), not as a known virus.',
  },
  CLAMAV_NOT_SCANNED: {
    severity: 'medium',
    summary: 'Part of the message was too large or too complex for ClamAV to check in full.',
  },

  // URL threat feeds (URLhaus, OpenPhish, PhishTank, ThreatFox) and the unshortener.
  URL_FEED_LISTED: {
    severity: 'high',
    summary: 'A link, or where a shortened link leads, is listed by a URL threat feed.',
  },
  URL_FEED_HOST_LISTED: {
    severity: 'medium',
    summary: 'A threat feed lists another address on the same site as a link in the message.',
  },
  LINK_SHORTENER_RESOLVED: { severity: 'info', summary: 'Where a shortened link leads.' },
  LINK_SHORTENER_UNRESOLVED: {
    severity: 'info',
    summary: 'A shortened link could not be followed, or leads somewhere Moat refuses to go.',
  },

  // Text models Moat trains itself (npm run train:model), run with onnxruntime; bands of their spam probability.
  MODEL_SPAM_LIKELY: { severity: 'low', summary: 'A text model trained by Moat rates the message as probably spam.' },
  MODEL_SPAM: { severity: 'medium', summary: 'A text model trained by Moat rates the message as spam.' },
  MODEL_SPAM_CERTAIN: {
    severity: 'high',
    summary: 'A text model trained by Moat is all but certain the message is spam.',
  },

  // YARA-X rules (Moat's starter set in scanner-host/rules/yara and the organization's own); each
  // rule's meta sets its severity and score, so one code serves every rule.
  YARA_MATCH: { severity: 'medium', summary: 'A YARA rule matched the message or one of its attachments.' },

  // Reasons the policy adds itself.
  LIST_BLOCKED: { severity: 'high', summary: 'The sender is on a block list.' },
  LIST_ALLOWED: { severity: 'info', summary: 'The sender is on an allow list and was authenticated.' },
  LIST_ALLOW_UNAUTHENTICATED: {
    severity: 'info',
    summary: 'The sender is on an allow list, but the entry was ignored because the sender was not authenticated.',
  },
  ENGINE_FAILED: { severity: 'info', summary: 'An optional check failed; the verdict was made without it.' },
  ENGINE_FAILED_CRITICAL: { severity: 'high', summary: 'A required check failed, so the message is held for review.' },
} as const satisfies Record<string, CodeInfo>

export type FindingCode = keyof typeof FINDING_CODES

/** True when `code` is in the catalogue (engines added by configuration may emit others). */
export function isKnownFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(FINDING_CODES, code)
}
