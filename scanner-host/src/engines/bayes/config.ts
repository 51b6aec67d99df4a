/** Configuration of the Bayes junk filter: tokens, the word-probability model, when it speaks and its bands. */
import { z } from 'zod'

/**
 * Spam probabilities at which each band starts. A message at or below `ham` is rated good mail;
 * the spam bands are checked from the top down, so a probability of 0.9999 is only SPAM_CERTAIN.
 *
 * The chi-squared combination (classify.ts) keeps a message near 0.5 when it has strong evidence
 * both ways, and new spam does: trained on the earlier months of the SpamAssassin corpus, much of
 * the later spam (a new run of products, spam relayed by the mailing lists the ham came from) lands
 * at 0.5..0.9. The SPAM band, which the policy scores to flag alone, therefore starts at 0.65:
 * trained on the past only (time-ordered cross-validation inside the training months), no
 * threshold from 0.5 to 0.99 flags more than 0.07% of good mail; with the folds shuffled in time
 * (the past tested by the future, as if a mailing list were new) good mail flagged falls from 2.2%
 * at 0.5 to 1.0% at 0.65 and 0.5% at 0.9. On the later months: 95.1% of spam at 0.43% of easy ham.
 */
export const BayesBandsSchema = z
  .object({
    ham: z.number().min(0).max(1).default(0.1),
    spamLikely: z.number().min(0).max(1).default(0.4),
    spam: z.number().min(0).max(1).default(0.65),
    spamCertain: z.number().min(0).max(1).default(0.99),
  })
  .strict()
  .refine((b) => b.ham < b.spamLikely && b.spamLikely <= b.spam && b.spam <= b.spamCertain, {
    message: 'bands must rise: ham < spamLikely <= spam <= spamCertain',
  })

export const BayesConfigSchema = z
  .object({
    /**
     * Also count each pair of consecutive body words ("click here", "dear friend"). Changing the
     * token options makes earlier training count less: its tokens are no longer produced.
     */
    twograms: z.boolean().default(false),
    /** Also count each run of three consecutive body words. */
    threegrams: z.boolean().default(false),
    /** Shorter words carry no meaning of their own (Graham, SpamBayes: under 3 letters). */
    minWordLength: z.number().int().min(1).max(10).default(3),
    /**
     * Longer words are base64, hashes and tracking ids; each becomes a `skip:` token of its first
     * letter and length (SpamBayes skips past 12). Host names and addresses may be up to 40 long.
     */
    maxWordLength: z.number().int().min(4).max(100).default(14),
    /** Body text read per message (text part plus the text of the HTML): spam says what it wants early. */
    maxTextChars: z.number().int().nonnegative().default(100_000),
    /** HTML read per message before its text is taken: bounds the parser's work on hostile input. */
    maxHtmlChars: z.number().int().nonnegative().default(400_000),
    /** Distinct tokens per message, which bounds the database lookup and what a report writes. */
    maxTokens: z.number().int().min(1).default(3000),

    /**
     * The most telling words kept from each side (mox's TopWords is 10; SpamBayes uses up to 150
     * in all). With the chi-squared combination more words rank better: recall at 0.5% of good
     * mail flagged, in cross-validation, 87% with 20, 92% with 50, 95% with 150.
     */
    // At most 180: the chi-squared tail (classify.ts) underflows past 2 * 180 degrees of freedom.
    topWords: z.number().int().min(1).max(180).default(150),
    /** Words whose probability is this close to 0.5 say nothing and are left out (mox's IgnoreWords, SpamBayes 0.1). */
    ignoreNear: z.number().min(0).max(0.5).default(0.2),
    /**
     * Robinson's s: how many messages' worth of belief the neutral 0.5 gets against a word's own
     * counts, f(w) = (s * 0.5 + n * p(w)) / (s + n), so a word seen in one message cannot decide
     * alone (SpamBayes: 0.45; 0.1 to 0.45 measured alike, 1 and more ranked worse).
     */
    rareStrength: z.number().min(0).max(100).default(0.2),
    /** No word is more certain than this distance from 0 or 1 (mox's MaxPower; Graham's 0.01..0.99). */
    maxPower: z.number().min(0.000001).max(0.49).default(0.01),
    /**
     * Trained good messages needed before the filter speaks (mox: 50). Below it the counts are
     * noise: trained on 10 good and 10 spam messages it flagged 16% of good mail, on 50 and 10 0.3%.
     */
    minHam: z.number().int().nonnegative().default(50),
    /** Trained spam needed before the filter speaks. */
    minSpam: z.number().int().nonnegative().default(10),
    bands: BayesBandsSchema.default({ ham: 0.1, spamLikely: 0.4, spam: 0.65, spamCertain: 0.99 }),
  })
  .strict()

export type BayesConfig = z.infer<typeof BayesConfigSchema>
export type BayesBands = z.infer<typeof BayesBandsSchema>

/** The configuration with every default, for learners and tools that have no policy at hand. */
export const DEFAULT_BAYES_CONFIG: BayesConfig = BayesConfigSchema.parse({})
