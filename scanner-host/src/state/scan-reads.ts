/** The reads every scan makes, as statements prepared once on a second connection: no SQL built or parsed per message. */
import Database from 'libsql'
import type { WordCounts } from './bayes-store.ts'
import type { FingerprintCandidate } from './fingerprint-store.ts'

/** A word and its counts, as an array: arrays cost less than objects, and a scan reads hundreds. */
export type WordRow = [word: string, ham: number, spam: number]

export interface ScanReads {
  /** The learning generation (see generation.ts); 0 before any training. */
  generation(): number
  /** How many ham and spam messages are trained. */
  trainedCounts(): WordCounts
  wordsChangedSince(generation: number): WordRow[]
  /** The rows of the given words. */
  someWords(words: readonly string[]): WordRow[]
  /** Stored fingerprints sharing at least `minBandHits` of `bandKeys`, reported since `reportedSince`. */
  candidates(bandKeys: readonly number[], minBandHits: number, reportedSince: number): FingerprintCandidate[]
  close(): void
}

/** Candidates compared per fingerprint, most shared bands first: bounds the work when a campaign was reported many times. */
const MAX_CANDIDATES = 200

const CANDIDATES_SQL = `
  SELECT f.id, f.digest, f.kind, f.spam_reports, f.ham_reports, f.last_reported_at, f.sample_sha256,
         f.sample_subject, f.sample_message_id, f.sample_label, m.hits
  FROM (SELECT fingerprint_id, count(*) AS hits FROM fingerprint_bands
        WHERE key IN (SELECT value FROM json_each(?))
        GROUP BY fingerprint_id HAVING count(*) >= ?
        ORDER BY count(*) DESC LIMIT ${MAX_CANDIDATES}) AS m
  JOIN fingerprints AS f ON f.id = m.fingerprint_id
  WHERE f.last_reported_at >= ?`

/**
 * Opens the reads on `file`, which must be migrated. Through drizzle and @libsql/client each read
 * cost about 0.5 ms of query building and preparing, more than the lookups themselves (a candidate
 * search runs in 0.07 ms), and a scan makes several. In WAL mode this connection sees every commit.
 */
export function openScanReads(file: string): ScanReads {
  const db = new Database(file)
  db.exec('PRAGMA busy_timeout = 10000')
  // Rows as arrays (raw): this libsql build panics naming the columns of a join over a subquery,
  // and its pluck mode still returns objects.
  const generation = db.prepare("SELECT value FROM learning_meta WHERE key = 'generation'").raw()
  const trained = db.prepare('SELECT label, count(*) FROM trained_messages GROUP BY label').raw()
  const changedWords = db.prepare('SELECT word, ham, spam FROM bayes_words WHERE changed_in > ?').raw()
  const someWords = db
    .prepare('SELECT word, ham, spam FROM bayes_words WHERE word IN (SELECT value FROM json_each(?))')
    .raw()
  const candidates = db.prepare(CANDIDATES_SQL).raw()
  return {
    generation: () => (generation.get() as [number] | undefined)?.[0] ?? 0,
    trainedCounts() {
      const counts = { ham: 0, spam: 0 }
      for (const [label, n] of trained.all() as ['ham' | 'spam', number][]) counts[label] = n
      return counts
    },
    someWords: (words) => someWords.all(JSON.stringify(words)) as WordRow[],
    wordsChangedSince: (since) => changedWords.all(since) as WordRow[],
    candidates: (bandKeys, minBandHits, reportedSince) =>
      (candidates.all(JSON.stringify(bandKeys), minBandHits, reportedSince) as CandidateRow[]).map(toCandidate),
    close: () => db.close(),
  }
}

type CandidateRow = [
  id: number,
  digest: string,
  kind: FingerprintCandidate['kind'],
  spamReports: number,
  hamReports: number,
  lastReportedAt: number,
  sampleSha256: string,
  sampleSubject: string | null,
  sampleMessageId: string | null,
  sampleLabel: string | null,
  bandHits: number,
]

function toCandidate(row: CandidateRow): FingerprintCandidate {
  const [id, digest, kind, spamReports, hamReports, lastReportedAt, sampleSha256, ...rest] = row
  const [sampleSubject, sampleMessageId, sampleLabel, bandHits] = rest
  return {
    id,
    digest,
    kind,
    spamReports,
    hamReports,
    lastReportedAt,
    sampleSha256,
    sampleSubject,
    sampleMessageId,
    sampleLabel,
    bandHits,
  }
}
