/** Corpus files -> labelled feature vectors, read and parsed the same way for every run. */
import { createHash } from 'node:crypto'
import { readCorpusMessage } from '../bench/corpus.ts'
import type { EvalFile } from '../eval/corpus-split.ts'
import { DEFAULT_LIMITS, type Limits } from '../limits.ts'
import { parseMessage } from '../message/parse-message.ts'
import type { FeatureContract } from './feature-contracts.ts'
import type { SparseVector } from './sparse-vector.ts'

export interface LabelledVector {
  file: EvalFile
  /** `group/file name`: the same on every machine, unlike the path. */
  id: string
  vector: SparseVector
  spam: boolean
}

export interface Dataset {
  rows: LabelledVector[]
  /** SHA-256 of the ids, one a line, in order: which files were read. */
  fileListSha256: string
  /** SHA-256 over each message's own SHA-256, in order: what the files held. */
  contentSha256: string
}

/**
 * The parse deadline is lifted: a message that parses slowly on a busy machine must still give
 * the same features, or two training runs could differ. The other limits are the scanner's.
 */
const TRAINING_LIMITS: Limits = { ...DEFAULT_LIMITS, maxParseMs: 600_000 }

export async function loadDataset(files: readonly EvalFile[], contract: FeatureContract): Promise<Dataset> {
  const rows: LabelledVector[] = []
  const list = createHash('sha256')
  const content = createHash('sha256')
  for (const file of files) {
    const { raw, name } = await readCorpusMessage(file.group, file.path)
    const message = await parseMessage(raw, TRAINING_LIMITS)
    const id = `${file.group}/${name}`
    list.update(`${id}\n`)
    content.update(`${message.sha256}\n`)
    rows.push({ file, id, vector: contract.extract(message).vector, spam: file.spam })
  }
  return { rows, fileListSha256: list.digest('hex'), contentSha256: content.digest('hex') }
}

/** Files per corpus group, in group order of first appearance. */
export function groupCounts(files: readonly EvalFile[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { group } of files) counts[group] = (counts[group] ?? 0) + 1
  return counts
}
