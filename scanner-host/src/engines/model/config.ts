/** Configuration of the model engine: which ONNX models run, the features each declares, and their bands. */
import { z } from 'zod'
import { FEATURE_CONTRACT_NAMES } from '../../model/feature-contracts.ts'
import { MOAT_TEXT_BANDS, MOAT_TEXT_MODEL_PATH, MOAT_TEXT_NAME } from '../../model/moat-text.ts'

/** Spam probabilities at which each band starts; see model/moat-text.ts for how the defaults were measured. */
export const ModelBandsSchema = z
  .object({
    spamLikely: z.number().min(0).max(1),
    spam: z.number().min(0).max(1),
    spamCertain: z.number().min(0).max(1),
  })
  .strict()
  .refine((b) => b.spamLikely <= b.spam && b.spam <= b.spamCertain, {
    message: 'bands must rise: spamLikely <= spam <= spamCertain',
  })

export const ModelEntrySchema = z
  .object({
    /** Named in findings and health pages. */
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, dots, dashes'),
    /** The .onnx file; relative paths are from the working directory. Moat's shipped moat-text by default. */
    path: z.string().min(1).default(MOAT_TEXT_MODEL_PATH),
    /**
     * The feature contract the model was trained on; only those Moat computes are accepted. A model
     * whose metadata names another contract is skipped, as its weights would read other features.
     */
    input: z.enum(FEATURE_CONTRACT_NAMES, {
      error: `not a feature contract Moat implements (it implements: ${FEATURE_CONTRACT_NAMES.join(', ')})`,
    }),
    bands: ModelBandsSchema.default(MOAT_TEXT_BANDS),
    enabled: z.boolean().default(true),
  })
  .strict()

export const ModelConfigSchema = z
  .object({
    models: z
      .array(ModelEntrySchema)
      .max(16)
      .default([
        {
          name: MOAT_TEXT_NAME,
          path: MOAT_TEXT_MODEL_PATH,
          input: 'hashed-ngrams-v1',
          bands: MOAT_TEXT_BANDS,
          enabled: true,
        },
      ]),
    /** Words listed in a finding's evidence as the ones that raised the score most. */
    evidenceTerms: z.number().int().min(0).max(20).default(5),
  })
  .strict()
  .refine((c) => new Set(c.models.map((m) => m.name)).size === c.models.length, {
    message: 'model names must be distinct',
  })

export type ModelConfig = z.infer<typeof ModelConfigSchema>
export type ModelEntry = z.infer<typeof ModelEntrySchema>
export type ModelBandsConfig = z.infer<typeof ModelBandsSchema>
