/** Reads and writes reported TLSH fingerprints and their LSH band index. */
import { and, eq, inArray, lt, lte, sql } from 'drizzle-orm'
import type { StateTx } from './learning-state.ts'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { fingerprintBands, fingerprints } from './schema.ts'

export type FingerprintKind = 'body' | 'attachment'

/** One fingerprint of a reported message, with the band keys of its digest. */
export interface ReportedFingerprint {
  digest: string
  kind: FingerprintKind
  /** `body`, or the attachment's file name. */
  label: string
  bandKeys: readonly number[]
}

export interface FingerprintReport {
  side: 'spam' | 'ham'
  /** +1 when a report is trained, -1 when it is taken back. */
  delta: 1 | -1
  at: number
  sha256: string
  subject: string | null
  messageId: string | null
}

/** A stored fingerprint that shares at least the asked number of bands with a digest (see ScanReads.candidates). */
export interface FingerprintCandidate {
  id: number
  digest: string
  kind: FingerprintKind
  spamReports: number
  hamReports: number
  lastReportedAt: number
  sampleSha256: string
  sampleSubject: string | null
  sampleMessageId: string | null
  sampleLabel: string | null
  bandHits: number
}

/**
 * Applies one report to each fingerprint: a new digest is stored with its bands; a known one has
 * its count on the report's side moved by `delta`. An entry left with no reports is removed.
 */
export async function applyFingerprintReport(
  tx: StateTx,
  prints: readonly ReportedFingerprint[],
  report: FingerprintReport,
): Promise<void> {
  const column = report.side === 'spam' ? fingerprints.spamReports : fingerprints.hamReports
  const key = report.side === 'spam' ? 'spamReports' : 'hamReports'
  for (const print of prints) {
    if (report.delta < 0) {
      const thisPrint = and(eq(fingerprints.digest, print.digest), eq(fingerprints.kind, print.kind))
      await tx
        .update(fingerprints)
        .set({ [key]: sql`max(${column} - 1, 0)` })
        .where(thisPrint)
      // A report taken back is no longer one a match may name; the next spam report takes its place.
      await tx
        .update(fingerprints)
        .set({ sampleSha256: NO_SAMPLE, sampleSubject: null, sampleMessageId: null, sampleLabel: null })
        .where(and(thisPrint, eq(fingerprints.sampleSha256, report.sha256)))
      continue
    }
    const [row] = await tx
      .insert(fingerprints)
      .values({
        digest: print.digest,
        kind: print.kind,
        [key]: 1,
        lastReportedAt: report.at,
        sampleSha256: report.sha256,
        sampleSubject: report.subject,
        sampleMessageId: report.messageId,
        sampleLabel: print.label,
      })
      .onConflictDoUpdate({
        target: [fingerprints.digest, fingerprints.kind],
        set: {
          [key]: sql`${column} + 1`,
          lastReportedAt: sql`max(${fingerprints.lastReportedAt}, ${report.at})`,
          // A match names the report it resembles: once no spam report stands behind the sample
          // (it was untrained, or the first report was ham), a new spam report becomes the sample.
          ...(report.side === 'spam' ? newSampleUnlessLiveSpam() : {}),
        },
      })
      .returning({ id: fingerprints.id })
    if (row && print.bandKeys.length > 0) {
      await tx
        .insert(fingerprintBands)
        .values(print.bandKeys.map((bandKey) => ({ key: bandKey, fingerprintId: row.id })))
        .onConflictDoNothing()
    }
  }
  if (report.delta < 0 && prints.length > 0) {
    const digests = prints.map((print) => print.digest)
    await tx
      .delete(fingerprints)
      .where(
        and(inArray(fingerprints.digest, digests), lte(fingerprints.spamReports, 0), lte(fingerprints.hamReports, 0)),
      )
  }
}

/** sample_sha256 of a fingerprint whose sample report was taken back. */
export const NO_SAMPLE = ''

function newSampleUnlessLiveSpam() {
  const pick = (column: AnySQLiteColumn, name: string) =>
    sql`CASE WHEN ${fingerprints.spamReports} = 0 OR ${fingerprints.sampleSha256} = ${NO_SAMPLE}
      THEN excluded.${sql.raw(name)} ELSE ${column} END`
  return {
    sampleSha256: pick(fingerprints.sampleSha256, 'sample_sha256'),
    sampleSubject: pick(fingerprints.sampleSubject, 'sample_subject'),
    sampleMessageId: pick(fingerprints.sampleMessageId, 'sample_message_id'),
    sampleLabel: pick(fingerprints.sampleLabel, 'sample_label'),
  }
}

/** Removes fingerprints no report touched since `reportedBefore` (their bands go with them). */
export async function pruneFingerprints(tx: StateTx, reportedBefore: number): Promise<number> {
  const removed = await tx
    .delete(fingerprints)
    .where(lt(fingerprints.lastReportedAt, reportedBefore))
    .returning({ id: fingerprints.id })
  return removed.length
}
