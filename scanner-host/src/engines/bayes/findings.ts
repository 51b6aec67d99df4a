/** The Bayes filter's finding: one per message, in the band of its spam probability, with the words that decided. */
import { FINDING_CODES, type Finding, type FindingCode } from '@moat/contract'
import type { WordCounts } from '../../state/bayes-store.ts'
import type { Classification } from './classify.ts'
import type { BayesBands } from './config.ts'

/** Words listed in the evidence from each side: enough to see why, short enough to read. */
const MAX_WORDS = 5
/** Words quoted in the sentence. */
const MAX_QUOTED = 3
/** Characters kept of a word: tokens come from the message and may be long or odd. */
const MAX_WORD_CHARS = 40

/** The band a probability falls in, or null between the good-mail band and the first spam band. */
export function bandOf(probability: number, bands: BayesBands): FindingCode | null {
  if (probability >= bands.spamCertain) return 'BAYES_SPAM_CERTAIN'
  if (probability >= bands.spam) return 'BAYES_SPAM'
  if (probability >= bands.spamLikely) return 'BAYES_SPAM_LIKELY'
  if (probability <= bands.ham) return 'BAYES_HAM'
  return null
}

/** The finding for a classification, or null when it falls in no band. */
export function bandFinding(result: Classification, bands: BayesBands, totals: WordCounts): Finding | null {
  const code = bandOf(result.probability, bands)
  if (!code) return null
  const spamWords = result.significant.filter((w) => w.p > 0.5).map((w) => safeWord(w.word))
  const hamWords = result.significant.filter((w) => w.p < 0.5).map((w) => safeWord(w.word))
  const isHam = code === 'BAYES_HAM'
  const quoted = (isHam ? hamWords : spamWords).slice(0, MAX_QUOTED)
  const because = quoted.length > 0 ? `, from words such as ${quoteList(quoted)}` : ''
  const percent = percentOf(result.probability)
  const text = isHam
    ? `The junk filter rates this message as good mail (${percent} spam)${because}.`
    : `${RATES[code]} (${percent} spam)${because}.`
  return {
    code,
    severity: FINDING_CODES[code].severity,
    text,
    evidence: {
      probability: roundProbability(result.probability),
      spamWords: spamWords.slice(0, MAX_WORDS),
      hamWords: hamWords.slice(0, MAX_WORDS),
      trainedSpam: totals.spam,
      trainedHam: totals.ham,
    },
  }
}

const RATES: Record<string, string> = {
  BAYES_SPAM_LIKELY: 'The junk filter rates this message as probably spam',
  BAYES_SPAM: 'The junk filter rates this message as spam',
  BAYES_SPAM_CERTAIN: 'The junk filter is all but certain this message is spam',
}

/** Four decimals: enough to tell 0.9999 from 0.99, no false precision beyond. */
export function roundProbability(p: number): number {
  return Math.round(p * 10_000) / 10_000
}

/** `99.9%`, `0.2%`: one decimal, and never 100% or 0% for what is an estimate. */
function percentOf(p: number): string {
  const percent = Math.min(Math.max(Math.round(p * 1000) / 10, 0.1), 99.9)
  return `${percent}%`
}

/** Printable, one line, at most MAX_WORD_CHARS: words come from the message and are shown to people. */
export function safeWord(word: string): string {
  const printable = word.replace(/[\p{C}\s]+/gu, ' ').trim()
  return printable.length > MAX_WORD_CHARS ? `${printable.slice(0, MAX_WORD_CHARS - 1)}…` : printable
}

function quoteList(words: string[]): string {
  const quoted = words.map((w) => `"${w}"`)
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}` : quoted[0]!
}
