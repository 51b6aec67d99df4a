/** Which word terms pushed a linear model's score up most: the "from words such as" of a finding. */
import type { MessageTerms } from './hashed-ngrams.ts'
import { termValue } from './sparse-vector.ts'

export interface TermContribution {
  term: string
  /** weight x value: the term's share of the logit (what collides with it in its bucket included). */
  contribution: number
}

/**
 * The `max` word terms with the largest positive contribution, largest first. Character n-grams are
 * left out: a reader learns nothing from `#c:ick h`. The value of a term is recomputed as
 * hashTerms does (1 + ln tf over the block's L2 norm, word block weight 1).
 */
export function topWordTerms(
  terms: MessageTerms,
  weights: Float32Array,
  hash: (term: string) => number,
  max: number,
): TermContribution[] {
  if (max <= 0) return []
  const mask = weights.length - 1
  let squares = 0
  for (const tf of terms.words.values()) squares += termValue(tf) ** 2
  if (squares === 0) return []
  const scale = 1 / Math.sqrt(squares)
  const scored: TermContribution[] = []
  for (const [term, tf] of terms.words) {
    const contribution = weights[hash(term) & mask]! * termValue(tf) * scale
    if (contribution > 0) scored.push({ term, contribution })
  }
  scored.sort((a, b) => b.contribution - a.contribution || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
  return scored.slice(0, max)
}
