/** Configuration of the attachments engine, validated when the policy loads. */
import { z } from 'zod'
import { CategorySchema } from './categories.ts'

/** Case and a leading dot do not matter; the engine normalises both. */
const ExtensionSchema = z.string().regex(/^\.?[a-z0-9][a-z0-9_-]{0,23}$/i, 'an extension such as "py" or ".py"')

export const AttachmentsConfigSchema = z
  .object({
    /** More extensions to treat as risky, with the kind they are: `{ py: script, xyz: executable }`. */
    extraRiskyExtensions: z.record(ExtensionSchema, CategorySchema).default({}),
    /** Built-in risky extensions to ignore by name (content checks still apply), e.g. `url` for an intranet. */
    ignoredExtensions: z.array(ExtensionSchema).default([]),
    /** Report HTML attachments (and SVG with script); some organizations mail HTML reports to themselves. */
    htmlAttachments: z.boolean().default(true),
    /** Archive entries per attachment whose first bytes are decompressed to learn their real type. */
    maxSniffedEntries: z.number().int().nonnegative().default(100),
    /**
     * Entries expanding to less than this are never called bombs for their ratio alone: a few
     * hundred KB of zeros or repeated log lines compress 1000:1 and harm nobody.
     */
    ratioMinBytes: z
      .number()
      .int()
      .nonnegative()
      .default(1024 * 1024),
  })
  .strict()

export type AttachmentsConfig = z.infer<typeof AttachmentsConfigSchema>
