/** Policy: scores, thresholds, critical engines, lists and organization, as validated data. */
import { z } from 'zod'
import {
  ActionSchema,
  EngineNameSchema,
  FindingCodeSchema,
  isKnownFindingCode,
  SeveritySchema,
  type Action,
  type Severity,
} from '@moat/contract'
import { LimitsSchema } from '../limits.ts'
import { OrganizationSchema } from './organization.ts'
import { ListsSchema } from './lists.ts'

/** Points a finding adds when the policy names no score for its code (rspamd-style weights). */
export const DEFAULT_SEVERITY_SCORES: Record<Severity, number> = {
  info: 0,
  low: 1.5,
  medium: 3,
  high: 6,
  critical: 15,
}

/** Per-code scores that differ from the severity default, with the reason for each. */
export const DEFAULT_SCORES: Record<string, number> = {
  // A program or script is almost never sent on purpose between people: enough to hold alone.
  ATTACH_EXECUTABLE: 10,
  ATTACH_SCRIPT: 10,
  ATTACH_SHORTCUT: 10,
  // Smuggling and disguised programs are built only to evade gateways.
  HTML_SMUGGLING: 10,
  ATTACH_DOUBLE_EXTENSION: 10,
  ATTACH_ARCHIVE_BOMB: 10,
  // A password form in a message is a credential harvester: flag alone, hold with any other sign.
  HTML_FORM_CREDENTIALS: 7,
  // Common in legitimate marketing, so it only tips a verdict together with other signs.
  LINK_SHORTENER: 1,
  HTML_SCRIPT: 2,
  // Bayes bands (engines/bayes/config.ts). SPAM (p >= 0.65) flags alone: trained on the earlier months
  // of the SpamAssassin corpus, 8% of the later spam rates 0.65..0.99 against 0.4% of the later good
  // mail; at 4 points most of it went unflagged (spam recall 90.1%, easy-ham FP 0%; at 5: 95.8%, 0.43%).
  // SPAM_LIKELY only adds up with other signs; good mail pulls back; no band holds a message alone.
  BAYES_HAM: -2,
  BAYES_SPAM_LIKELY: 2,
  BAYES_SPAM: 5,
  BAYES_SPAM_CERTAIN: 6,
  // A near copy of reported spam is flagged alone; with any other sign it is held.
  FINGERPRINT_REPORTED_SPAM: 7,
  // Sender authentication (engines/auth). Proof of the sender earns nothing by itself (spammers
  // authenticate their own domains); it only lets allow entries count. A DMARC failure of a
  // domain that asks for rejection weighs as much as a high finding, but forwarding breaks SPF and
  // mailing lists break DKIM, so no failure holds a message alone.
  AUTH_ALIGNED_PASS: 0,
  AUTH_DMARC_FAIL: 6,
  AUTH_DMARC_FAIL_MONITOR: 2,
  AUTH_SPF_FAIL: 2,
  AUTH_SPF_SOFTFAIL: 1,
  AUTH_DKIM_FAIL: 2,
  AUTH_NONE: 1,
  AUTH_TEMPERROR: 0,
  AUTH_FROM_UNVERIFIABLE: 3,
  // Moat's text model (engines/model), bands at p >= 0.2 / 0.5 / 0.9 (models/moat-text.json). Held-out:
  // 0.5 catches 81% of spam with no easy ham and 9% of hard ham; it adds to Bayes, it never flags alone.
  MODEL_SPAM_LIKELY: 1,
  MODEL_SPAM: 3,
  MODEL_SPAM_CERTAIN: 5,
  // A link a threat feed lists by its full address (or its whole host) is a live attack: hold it.
  URL_FEED_LISTED: 10,
  URL_FEED_HOST_LISTED: 4,
}

/** Actions a finding demands whatever the score; lists and allow entries cannot lower these. */
export const DEFAULT_MINIMUM_ACTIONS: Record<string, Action> = {
  MOAT_TEST_STRING: 'delete',
  // Malware carriers: held even from an allow-listed sender, whose account may be compromised.
  ATTACH_EXECUTABLE: 'quarantine',
  ATTACH_SCRIPT: 'quarantine',
  ATTACH_SHORTCUT: 'quarantine',
  ATTACH_DOUBLE_EXTENSION: 'quarantine',
  HTML_SMUGGLING: 'quarantine',
  LIST_BLOCKED: 'quarantine',
  ENGINE_FAILED_CRITICAL: 'quarantine',
  // Parts of the message were not read: hold it for a person rather than guess.
  LIMIT_SIZE: 'quarantine',
  LIMIT_HEADER_SIZE: 'quarantine',
  LIMIT_PARTS: 'quarantine',
  LIMIT_NESTING: 'quarantine',
  LIMIT_PARSE_TIME: 'quarantine',
  ATTACH_ARCHIVE_BOMB: 'quarantine',
  // Content nobody read cannot be called clean: an archive that could not be opened, a body past
  // the size the HTML and link engines read (padding is a known way to push a form out of view).
  ATTACH_ARCHIVE_UNREAD: 'quarantine',
  ATTACH_ARCHIVE_TOO_DEEP: 'quarantine',
  // Malware by signature. Held, not deleted: ClamAV's daily signatures occasionally misfire, and a
  // person can release a held message. What ClamAV could not read in full is not clean either.
  CLAMAV_MALWARE: 'quarantine',
  CLAMAV_NOT_SCANNED: 'quarantine',
  URL_FEED_LISTED: 'quarantine',
  // Rspamd would refuse it outright (its reject threshold, or a rule such as GTUBE): none of the
  // corpus's good mail gets there, so holding costs little even at half Rspamd's score.
  RSPAMD_REJECT: 'quarantine',
  // Broken structure is how filters get parsed differently from mail clients; none of the 6,046
  // SpamAssassin corpus messages trips it, so holding costs little.
  MIME_MALFORMED: 'quarantine',
  LIMIT_BODY_SIZE: 'quarantine',
}

export const EngineSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * The engine's deadline; past it the result is an error, never clean. Unset: the engine's own
     * default (daemons that do DNS need longer than engines that only read the message), else 2 s.
     */
    timeoutMs: z.number().int().positive().max(120_000).optional(),
    /** Engine-specific options, validated by that engine's own schema. */
    config: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
export type EngineSettings = z.infer<typeof EngineSettingsSchema>

/** A code from the catalogue: a typo in a policy must fail loudly, not silently score nothing. */
const KnownCodeSchema = FindingCodeSchema.refine(isKnownFindingCode, {
  message: 'not a finding code Moat knows (see contract/src/finding-codes.ts)',
})

const ThresholdsSchema = z
  .object({
    flag: z.number().default(5),
    quarantine: z.number().default(10),
    delete: z.number().default(40),
  })
  .strict()
  .refine((t) => t.flag <= t.quarantine && t.quarantine <= t.delete, {
    message: 'thresholds must rise: flag <= quarantine <= delete',
  })

/**
 * What the mailbox watcher does with a message whose scan failed (a critical engine down):
 * `hold` moves it to quarantine at once (fail closed) and scans it again later, releasing it when
 * the new verdict allows; `leave` keeps it where it is and scans it again, holding it once the
 * retries run out. Either way the retries happen, with a doubling delay.
 */
const ScanFailureSchema = z
  .object({
    whileFailing: z.enum(['hold', 'leave']).default('hold'),
    retries: z.number().int().nonnegative().max(100).default(8),
    firstRetrySeconds: z.number().positive().max(86_400).default(30),
    maxRetrySeconds: z.number().positive().max(86_400).default(900),
  })
  .strict()
export type ScanFailurePolicy = z.infer<typeof ScanFailureSchema>

export const PolicySchema = z
  .object({
    name: z.string().min(1).default('default'),
    thresholds: ThresholdsSchema.default({ flag: 5, quarantine: 10, delete: 40 }),
    severityScores: z
      .partialRecord(SeveritySchema, z.number().finite())
      .default(DEFAULT_SEVERITY_SCORES)
      .transform((s): Record<Severity, number> => ({ ...DEFAULT_SEVERITY_SCORES, ...s })),
    /** Score per finding code; merged over the defaults above. */
    scores: z
      .partialRecord(KnownCodeSchema, z.number().finite())
      .default({})
      .transform((s): Record<string, number> => ({ ...DEFAULT_SCORES, ...s })),
    /** Action a code demands at least; merged over the defaults above. */
    minimumActions: z
      .partialRecord(KnownCodeSchema, ActionSchema)
      .default({})
      .transform((a): Record<string, Action> => ({ ...DEFAULT_MINIMUM_ACTIONS, ...a })),
    /**
     * Engines whose failure holds the message (fail closed). Rspamd and ClamAV are the checks a
     * mail administrator counts on for spam and malware: with either down, mail waits for review.
     */
    criticalEngines: z.array(EngineNameSchema).default(['mime', 'attachments', 'rspamd', 'clamav']),
    engines: z.record(EngineNameSchema, EngineSettingsSchema).default({}),
    lists: ListsSchema.default({ allow: [], block: [] }),
    /** Points an honoured allow entry adds: enough to clear spam scores, not malware minimums. */
    allowScore: z.number().max(0).default(-20),
    /**
     * Honour allow entries even when the sender is not authenticated. Off by default: anyone can
     * write any From address, so an unauthenticated allow entry is a hole for spoofers.
     */
    trustUnauthenticatedAllow: z.boolean().default(false),
    /** Finding codes that prove the sender authenticated (SPF/DKIM aligned with DMARC). */
    authenticatedCodes: z.array(FindingCodeSchema).default(['AUTH_ALIGNED_PASS']),
    organization: OrganizationSchema.default({ domains: [], protectedDomains: [], protectedPeople: [] }),
    limits: LimitsSchema.partial().default({}),
    onScanFailure: ScanFailureSchema.default({
      whileFailing: 'hold',
      retries: 8,
      firstRetrySeconds: 30,
      maxRetrySeconds: 900,
    }),
  })
  .strict()

export type Policy = z.infer<typeof PolicySchema>
export type PolicyInput = z.input<typeof PolicySchema>

export const DEFAULT_POLICY: Policy = PolicySchema.parse({})
