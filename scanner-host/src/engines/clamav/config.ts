/** Configuration of the clamav engine: where clamd listens and how much it is sent, validated when the policy loads. */
import { z } from 'zod'
import { parseClamdAddress } from './address.ts'

const KiB = 1024
const MiB = 1024 * KiB

export const ClamavConfigSchema = z
  .object({
    /** `tcp://host:port` or `unix:/path`; clamd's own default TCP port is 3310. */
    address: z
      .string()
      .default('tcp://127.0.0.1:3310')
      .superRefine((text, ctx) => {
        const parsed = parseClamdAddress(text)
        if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed })
      }),
    /**
     * The daemon's StreamMaxLength. clamd has no command that reports it, so it is configured
     * here: keep it at or below the daemon's value. 25 MiB is what Debian's packaged clamd.conf
     * sets (clamd's built-in default is 100M) and what startClamd writes. A part above it is not
     * sent (clamd would stop reading it and reply "INSTREAM size limit exceeded") and is reported
     * as CLAMAV_NOT_SCANNED.
     */
    maxStreamBytes: z
      .number()
      .int()
      .positive()
      .default(25 * MiB),
    /** Bytes per INSTREAM chunk. Small chunks keep memory flat; clamd accepts any size up to StreamMaxLength. */
    chunkBytes: z
      .number()
      .int()
      .min(1 * KiB)
      .max(16 * MiB)
      .default(64 * KiB),
    /**
     * Also send every decoded attachment on its own. clamd decodes MIME in the raw message too,
     * but its parser and Moat's may disagree on a malformed message, and a raw message above
     * maxStreamBytes can still have attachments below it.
     */
    scanAttachments: z.boolean().default(true),
    /** Attachments sent on their own per message; the rest rely on the raw message's scan. */
    maxAttachments: z.number().int().nonnegative().default(50),
    /** Streams open at once per message; clamd's MaxThreads (10 by default) is shared by all messages. */
    concurrency: z.number().int().min(1).max(16).default(4),
  })
  .strict()

export type ClamavConfig = z.infer<typeof ClamavConfigSchema>
