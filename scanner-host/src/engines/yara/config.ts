/** Configuration of the yara engine: rule folders, how often they are checked for edits, bytes scanned per part. */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

const MiB = 1024 * 1024

/** Moat's own starter rules, shipped beside the source (scanner-host/rules/yara), found from this file. */
export const DEFAULT_RULES_DIR = resolve(fileURLToPath(new URL('../../../rules/yara/', import.meta.url)))

export const YaraConfigSchema = z
  .object({
    /** Folder whose `.yar`/`.yara` files are compiled together; relative paths are from the working directory. */
    rulesDir: z.string().min(1).default(DEFAULT_RULES_DIR),
    /** More folders, each compiled on its own: rule names may repeat across them, and a broken one spares the rest. */
    extraRulesDirs: z.array(z.string().min(1)).max(32).default([]),
    /**
     * Bytes of one part (the raw message, a body, an attachment) that the rules read, from its start.
     * Equal to the parser's default attachment cap, so by default only the raw message of a very large
     * message is cut, and its attachments are still read decoded. The starter rules run at 120-300 MB/s
     * on binary and base64 here (2 cores, busy), 50 MB/s on HTML dense with forms: 0.1-0.7 s per full part.
     */
    maxScanBytes: z
      .number()
      .int()
      .positive()
      .default(32 * MiB),
    /** Recompile when a rule file is added, changed or removed. Off: the rules are compiled once. */
    watch: z.boolean().default(true),
    /**
     * Least time between two looks at the folders (a directory listing and a stat per file, on the
     * scan path): edits take effect within this time. 0 looks on every scan.
     */
    recheckMs: z.number().int().nonnegative().max(3_600_000).default(2000),
  })
  .strict()

export type YaraConfig = z.infer<typeof YaraConfigSchema>

/** The folders to compile, absolute and without repeats, the main one first. */
export function ruleFolders(config: YaraConfig): string[] {
  return [...new Set([config.rulesDir, ...config.extraRulesDirs].map((dir) => resolve(dir)))]
}
