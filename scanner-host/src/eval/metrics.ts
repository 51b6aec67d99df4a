/** Detection figures from labelled scores: recall, false-positive rates, precision and (1-ROCA)%. */

export interface Scored {
  /** True for spam (or phishing), false for good mail. */
  spam: boolean
  /** Hard ham is good mail that looks like spam (the corpus's hard-ham group); counted apart. */
  hard?: boolean
  /** Higher means more spam-like; ties count half in the ROC area. */
  score: number
  /** What the system decided: true when it treated the message as spam. */
  caught: boolean
}

export interface Figures {
  spam: number
  easyHam: number
  hardHam: number
  /** Share of spam caught, 0..1. */
  recall: number
  /** Share of easy ham caught (false positives), 0..1. */
  fpRate: number
  /** Share of hard ham caught, 0..1. */
  hardHamFpRate: number
  /** Share of caught messages that were spam, 0..1 (all ham counted); 1 when nothing was caught. */
  precision: number
  /** 100 * (1 - area under the ROC curve of the scores, over all ham). */
  oneMinusRocaPct: number
}

export function figuresOf(results: readonly Scored[]): Figures {
  const spam = results.filter((r) => r.spam)
  const easy = results.filter((r) => !r.spam && !r.hard)
  const hard = results.filter((r) => !r.spam && r.hard)
  const caught = (rs: readonly Scored[]) => rs.filter((r) => r.caught).length
  const truePositives = caught(spam)
  const falsePositives = caught(easy) + caught(hard)
  return {
    spam: spam.length,
    easyHam: easy.length,
    hardHam: hard.length,
    recall: ratio(truePositives, spam.length),
    fpRate: ratio(caught(easy), easy.length),
    hardHamFpRate: ratio(caught(hard), hard.length),
    precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    oneMinusRocaPct: 100 * (1 - rocArea(results)),
  }
}

/**
 * Area under the ROC curve: the chance that a random spam scores above a random ham, ties half
 * (the Mann-Whitney U statistic over the average ranks of tied scores). 0.5 when a side is empty.
 */
export function rocArea(results: readonly Scored[]): number {
  const sorted = [...results].sort((a, b) => a.score - b.score)
  let spamRankSum = 0
  let spamCount = 0
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++
    const averageRank = (i + 1 + j) / 2
    for (let k = i; k < j; k++) {
      if (sorted[k]!.spam) {
        spamRankSum += averageRank
        spamCount++
      }
    }
    i = j
  }
  const hamCount = sorted.length - spamCount
  if (spamCount === 0 || hamCount === 0) return 0.5
  return (spamRankSum - (spamCount * (spamCount + 1)) / 2) / (spamCount * hamCount)
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}
