/** Configuration of the html engine, with the reason for each default. */
import { z } from 'zod'

export const HtmlConfigSchema = z
  .object({
    /**
     * Base64 characters a blob needs to count as a smuggled file. 8 KiB of base64 is a 6 KB file,
     * smaller than any useful payload, and far beyond the ids and hashes ordinary pages carry.
     */
    smugglingMinBlobChars: z.number().int().min(64).default(8192),
    /** Distinct file-building script markers (Blob, atob, createObjectURL...) needed with the blob. */
    smugglingMinMarkers: z.number().int().min(1).default(2),
    /** Hidden characters (spaces and zero-width fillers not counted) that make hidden text a finding. */
    hiddenTextMinChars: z.number().int().min(1).default(20),
    /**
     * Hidden characters near the top of a body excused as the preview line (preheader) newsletters
     * hide for the inbox list; clients show about 100-150 characters of it.
     */
    preheaderMaxChars: z.number().int().nonnegative().default(200),
    /** Read HTML attachments (by name, declared type or content), where smuggling mostly lives. */
    scanAttachments: z.boolean().default(true),
    /** HTML documents (body first, then attachments) read per message. */
    maxDocuments: z.number().int().min(1).default(20),
    /** Open elements tracked; deeper ones are read as empty so hostile nesting costs nothing extra. */
    maxDepth: z.number().int().min(8).max(4096).default(256),
  })
  .strict()

export type HtmlConfig = z.infer<typeof HtmlConfigSchema>
