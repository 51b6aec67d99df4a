/** Every limit on untrusted input, in one place, each with the reason for its default. */
import { z } from 'zod'

const MiB = 1024 * 1024

/**
 * A limit of 0 is honoured as "nothing allowed" (e.g. `maxAttachmentBytes: 0` keeps no attachment
 * content), never as "unlimited": a configuration typo must not switch a guard off.
 */
export const LimitsSchema = z
  .object({
    /**
     * Messages above this are not parsed past their header block and are held for review.
     * Exchange Online accepts up to 150 MB, but typical gateways cap at 25-50 MB; 64 MiB reads
     * every ordinary large message in full while bounding memory to a few hundred MB.
     */
    maxMessageBytes: z
      .number()
      .int()
      .nonnegative()
      .default(64 * MiB),
    /** One MIME header block. Real mail stays far below 256 KiB even with long Received chains. */
    maxHeaderBytes: z
      .number()
      .int()
      .nonnegative()
      .default(1 * MiB),
    /** MIME parts in one message. Mailing-list digests reach a few hundred; bombs reach millions. */
    maxParts: z.number().int().nonnegative().default(500),
    /** Nesting of multiparts and attached messages. Forwards of forwards stay under 10. */
    maxDepth: z.number().int().nonnegative().default(30),
    /** Decoded content kept per attachment for engines; larger ones are scanned by their head. */
    maxAttachmentBytes: z
      .number()
      .int()
      .nonnegative()
      .default(32 * MiB),
    /** Wall time for parsing one message; mailparser reads a 50 MB message in under 1 s here. */
    maxParseMs: z.number().int().nonnegative().default(8000),
    /** HTML read by the HTML and link engines; larger bodies are read by their head. */
    maxHtmlBytes: z
      .number()
      .int()
      .nonnegative()
      .default(4 * MiB),
    /** Links examined per message; link-farm spam carries thousands, real mail a few dozen. */
    maxLinks: z.number().int().nonnegative().default(500),
    /** Entries listed per archive (all levels together) before the archive counts as a bomb. */
    maxArchiveEntries: z.number().int().nonnegative().default(10_000),
    /** Archives inside archives that are opened; deeper ones are reported, not read. */
    maxArchiveDepth: z.number().int().nonnegative().default(3),
    /** Total bytes that archive contents may claim to expand to before they count as a bomb. */
    maxArchiveExpandedBytes: z
      .number()
      .int()
      .nonnegative()
      .default(1024 * MiB),
    /**
     * Expansion ratio of one entry. Text compresses about 10:1 and zeros 1000:1; zip bombs
     * (42.zip, overlapping-entry bombs) reach millions to one.
     */
    maxArchiveRatio: z.number().nonnegative().default(200),
    /** Bytes inflated from one nested archive so that its own entries can be read. */
    maxNestedArchiveBytes: z
      .number()
      .int()
      .nonnegative()
      .default(16 * MiB),
  })
  .strict()

export type Limits = z.infer<typeof LimitsSchema>

export const DEFAULT_LIMITS: Limits = LimitsSchema.parse({})
