/** FeedSource: one threat feed in the configuration, read from a URL or a file. */
import { z } from 'zod'

export const FEED_FORMATS = ['urlhaus', 'openphish', 'phishtank', 'threatfox'] as const
export type FeedFormat = (typeof FEED_FORMATS)[number]

const MiB = 1024 * 1024

export const FeedSourceSchema = z
  .object({
    /** Named in findings and health: `urlhaus`. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,31}$/, 'a short lower-case name: letters, digits, - _ .'),
    format: z.enum(FEED_FORMATS),
    /** Fetched with If-None-Match / If-Modified-Since, so an unchanged feed costs one small request. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Sent with each request. `${NAME}` in a value (and in `url`) is replaced by the environment
     * variable NAME when the feed is read, so keys stay out of the policy: abuse.ch wants
     * `Auth-Key: ${ABUSECH_AUTH_KEY}` (or `?auth-key=` in the URL).
     */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(4096)).default({}),
    /** Sent as a JSON POST when set (the ThreatFox API: `{"query": "get_iocs", "days": 1}`); GET otherwise. */
    body: z.string().max(4096).optional(),
    /** A local copy (a mirror, or fixtures in tests); re-read only when its size or time changes. */
    path: z.string().min(1).optional(),
    /**
     * How often it is read again. The abuse.ch feeds change every few minutes and ask clients to
     * fetch at most every 5; PhishTank's dump changes hourly. At least one second (tests).
     */
    refreshMinutes: z
      .number()
      .min(1 / 60)
      .max(7 * 24 * 60)
      .default(60),
    enabled: z.boolean().default(true),
    /** One fetch or file read, body included. PhishTank's dump is tens of MB over slow links. */
    timeoutMs: z.number().int().positive().max(600_000).default(120_000),
    /** Bytes read (after gunzip); the rest is not read and health says so. The feeds are 5-100 MB. */
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(256 * MiB),
    /** Entries kept; each costs about 0.6 KB of memory (measured). The public feeds list 1k-100k. */
    maxEntries: z.number().int().positive().default(500_000),
    /** ThreatFox only: IOCs below this confidence (0-100) are not used; 50 drops the guesses. */
    minConfidence: z.number().min(0).max(100).default(50),
  })
  .strict()
  .refine((s) => (s.url === undefined) !== (s.path === undefined), {
    message: 'a feed needs exactly one of url and path',
  })

export type FeedSource = z.infer<typeof FeedSourceSchema>
export type FeedSourceInput = z.input<typeof FeedSourceSchema>
