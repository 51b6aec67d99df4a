/** Configuration of the tlsh engine: when a fingerprint counts as a match, and how reports weigh. */
import { z } from 'zod'
import { BAND_COUNT } from './bands.ts'

const DAY_MS = 24 * 60 * 60 * 1000

export const TlshConfigSchema = z
  .object({
    /** LSH bands (of BAND_COUNT) a stored fingerprint must share before its TLSH distance is computed. */
    minBandHits: z.number().int().min(1).max(BAND_COUNT).default(4),
    /**
     * Largest TLSH distance (length included) that still counts as the same campaign. On the
     * SpamAssassin corpus no ham body lies within 70 of any spam body; at 80, 3 easy ham do.
     */
    maxDistance: z.number().int().min(0).max(400).default(70),
    /** Weight of one spam report on a matching fingerprint. */
    spamWeight: z.number().positive().default(1),
    /** Weight one ham report takes away: more than a spam report adds, so one mistake is undone at once. */
    hamWeight: z.number().positive().default(2),
    /** Days a reported fingerprint counts after its last report; campaigns are short-lived. */
    ttlDays: z.number().positive().max(3650).default(30),
    /** Attachments smaller than this are not fingerprinted: too little to tell variants apart. */
    minAttachmentBytes: z.number().int().min(50).default(512),
    /**
     * Bytes of an attachment hashed, from its start: TLSH runs at about 130 MB/s here, so ten
     * attachments at this cap cost at most about 0.3 s; a longer file is fingerprinted by its head.
     */
    maxAttachmentBytes: z
      .number()
      .int()
      .min(50)
      .default(4 * 1024 * 1024),
    /** Attachments fingerprinted per message, first ones first. */
    maxAttachments: z.number().int().min(0).max(100).default(10),
    /** Characters of normalised body text hashed; the rest adds cost without telling more. */
    maxBodyChars: z
      .number()
      .int()
      .min(1000)
      .default(256 * 1024),
  })
  .strict()

export type TlshConfig = z.infer<typeof TlshConfigSchema>

export function ttlMs(config: TlshConfig): number {
  return config.ttlDays * DAY_MS
}
