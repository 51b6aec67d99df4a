/** The model engine's findings: one per model whose probability falls in a band, with the words that raised it. */
import type { Finding, Severity } from '@moat/contract'
import { roundProbability, safeWord } from '../bayes/findings.ts'
import type { ModelBandsConfig } from './config.ts'

/**
 * Codes, severities and suggested scores (a policy score for the code wins over them). Scores are
 * below the Bayes filter's: the two read the same words, so their findings mostly come together.
 */
export const MODEL_FINDING_CODES = {
  MODEL_SPAM_LIKELY: {
    severity: 'low',
    score: 1,
    summary: 'A text model trained by Moat rates the message as probably spam.',
  },
  MODEL_SPAM: { severity: 'medium', score: 3, summary: 'A text model trained by Moat rates the message as spam.' },
  MODEL_SPAM_CERTAIN: {
    severity: 'high',
    score: 5,
    summary: 'A text model trained by Moat is all but certain the message is spam.',
  },
} as const satisfies Record<string, { severity: Severity; score: number; summary: string }>

export type ModelFindingCode = keyof typeof MODEL_FINDING_CODES

const RATES: Record<ModelFindingCode, string> = {
  MODEL_SPAM_LIKELY: 'rates this message as probably spam',
  MODEL_SPAM: 'rates this message as spam',
  MODEL_SPAM_CERTAIN: 'is all but certain this message is spam',
}

/** Words quoted in the sentence; the evidence lists all it was given. */
const MAX_QUOTED = 3

export function bandOf(probability: number, bands: ModelBandsConfig): ModelFindingCode | null {
  if (probability >= bands.spamCertain) return 'MODEL_SPAM_CERTAIN'
  if (probability >= bands.spam) return 'MODEL_SPAM'
  if (probability >= bands.spamLikely) return 'MODEL_SPAM_LIKELY'
  return null
}

export interface ModelScore {
  model: string
  input: string
  probability: number
  /** Terms that raised the score most, largest first; empty when the model's weights are not readable. */
  terms: string[]
}

/** The finding for a model's probability, or null below its lowest band. */
export function modelFinding(score: ModelScore, bands: ModelBandsConfig): Finding | null {
  const code = bandOf(score.probability, bands)
  if (!code) return null
  const terms = score.terms.map(safeWord)
  const quoted = terms.slice(0, MAX_QUOTED).map((t) => `"${t}"`)
  const because =
    quoted.length === 0
      ? ''
      : `, from words such as ${quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}` : quoted[0]!}`
  const info = MODEL_FINDING_CODES[code]
  return {
    code,
    severity: info.severity,
    score: info.score,
    text: `The text model ${score.model} ${RATES[code]} (${percentOf(score.probability)} spam)${because}.`,
    evidence: {
      model: score.model,
      input: score.input,
      probability: roundProbability(score.probability),
      terms,
    },
  }
}

/** One decimal, never 100% or 0% for an estimate. */
function percentOf(p: number): string {
  return `${Math.min(Math.max(Math.round(p * 1000) / 10, 0.1), 99.9)}%`
}
