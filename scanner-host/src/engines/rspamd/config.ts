/** Configuration of the rspamd engine: where Rspamd listens, what it is sent, and how its answer becomes findings. */
import { z } from 'zod'
import { DomainNameSchema } from '../../domains/schema.ts'

const MiB = 1024 * 1024

const HttpUrlSchema = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''))

export const RspamdConfigSchema = z
  .object({
    /** The scanner worker (`/checkv2`); Rspamd's default port is 11333. `startRspamd` says which it started. */
    url: HttpUrlSchema.default('http://127.0.0.1:11333'),
    /** The controller (`/stat`, `/learnspam`, `/learnham`); Rspamd's default port is 11334. */
    controllerUrl: HttpUrlSchema.default('http://127.0.0.1:11334'),
    /** The controller's password. Scans work without it; health statistics and learning need it. */
    password: z.string().min(1).max(1024).optional(),
    /**
     * Larger messages are not sent, and the engine says it skipped them. It must not exceed the
     * daemon's `max_message`: Rspamd drops the connection on a larger message instead of
     * answering. Moat's configuration sets that to 64 MiB, the scanner's own limit
     * (limits.maxMessageBytes), above which LIMIT_SIZE holds the message anyway; so with the
     * defaults Rspamd sees every message the scanner reads in full. Size costs little (45 MB of
     * attachments: 0.3 s); text does (5 MB of text: 3.4 s), and bodies above 4 MiB are held by
     * LIMIT_BODY_SIZE.
     */
    maxMessageBytes: z
      .number()
      .int()
      .positive()
      .default(64 * MiB),
    /**
     * Host names, or parent domains, of the organization's servers that take mail from the
     * internet, as they name themselves in the `by` part of Received (the auth engine's
     * `receivedBy`). The topmost Received header one of them wrote for a client at a public
     * address gives Rspamd the client's IP, reverse DNS name and HELO. Empty: the topmost Received
     * header with a public client address, which is right for a single mail server and wrong
     * behind a provider with public addresses inside (Microsoft 365).
     */
    receivedBy: z.array(DomainNameSchema).default([]),
    /**
     * Rspamd's score becomes the finding's score times this. Half by default, so that Rspamd's
     * "add header" (6) adds 3 points and flags only with another sign, and its refusal (15) adds
     * 7.5 and flags alone. Measured with npm run eval (2026-11-22, Rspamd's Bayes trained on the same
     * split): at 1, every engine together caught 98.4% of spam with 1.00% easy-ham false positives;
     * at 0.5, 98.1% with 0.50% (Moat's own engines alone: 95.8% with 0.43%).
     */
    scoreWeight: z.number().min(0).max(10).default(0.5),
    /**
     * When set, a score from here up to Rspamd's own "add header" threshold is reported as
     * RSPAMD_SCORE. Off by default: below that threshold Rspamd itself delivers the message, and
     * on the SpamAssassin corpus (offline) a third of the easy ham scores 4 or more (against 70-80%
     * of the spam), so adding it to Moat's score would flag good mail on Rspamd's weakest hints.
     */
    minScore: z.number().positive().nullable().default(null),
    /** Rspamd symbols listed in a finding's evidence, strongest first. */
    maxSymbols: z.number().int().min(1).max(50).default(10),
  })
  .strict()

export type RspamdConfig = z.infer<typeof RspamdConfigSchema>
export type RspamdConfigInput = z.input<typeof RspamdConfigSchema>

/** The parts of the config that the clients need, so a bench harness can call them without an engine. */
export type RspamdEndpoint = Pick<RspamdConfig, 'url' | 'controllerUrl' | 'password'>
