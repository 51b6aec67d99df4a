/** Detection figures of model probabilities at the engine's bands, rounded for a model card. */
import { figuresOf, rocArea } from '../eval/metrics.ts'
import type { ModelBands } from './moat-text.ts'

export interface ScoredRow {
  spam: boolean
  /** Good mail that looks like spam (hard-ham-1), counted apart. */
  hard: boolean
  probability: number
}

export interface BandFigures {
  threshold: number
  spamRecallPct: number
  easyHamFpPct: number
  hardHamFpPct: number
}

export interface ModelFigures {
  messages: number
  spam: number
  easyHam: number
  hardHam: number
  /** Over all good mail; then against easy and against hard ham alone. */
  rocArea: number
  oneMinusRocaPct: number
  oneMinusRocaEasyHamPct: number
  oneMinusRocaHardHamPct: number
  /** Per band, a message counts as caught from the band's probability up. */
  bands: Record<keyof ModelBands, BandFigures>
}

export function bandFigures(rows: readonly ScoredRow[], bands: ModelBands): ModelFigures {
  const scored = rows.map((r) => ({ spam: r.spam, hard: r.hard, score: r.probability, caught: false }))
  const at = (threshold: number): BandFigures => {
    const f = figuresOf(scored.map((r) => ({ ...r, caught: r.score >= threshold })))
    return {
      threshold,
      spamRecallPct: pct(f.recall),
      easyHamFpPct: pct(f.fpRate),
      hardHamFpPct: pct(f.hardHamFpRate),
    }
  }
  const counts = figuresOf(scored)
  const area = rocArea(scored)
  const against = (hard: boolean) => rocArea(scored.filter((r) => r.spam || r.hard === hard))
  return {
    messages: rows.length,
    spam: counts.spam,
    easyHam: counts.easyHam,
    hardHam: counts.hardHam,
    rocArea: round(area, 6),
    oneMinusRocaPct: round(100 * (1 - area), 4),
    oneMinusRocaEasyHamPct: round(100 * (1 - against(false)), 4),
    oneMinusRocaHardHamPct: round(100 * (1 - against(true)), 4),
    bands: {
      spamLikely: at(bands.spamLikely),
      spam: at(bands.spam),
      spamCertain: at(bands.spamCertain),
    },
  }
}

function pct(share: number): number {
  return round(100 * share, 2)
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals
  return Math.round(x * f) / f
}
