/** tlsh engine: TLSH fingerprints of body and attachments, matched against reported messages through an LSH index. */
import type { Learner } from '../../learning/learner.ts'
import { applyFingerprintReport, pruneFingerprints } from '../../state/fingerprint-store.ts'
import type { LearningState } from '../../state/learning-state.ts'
import { defineEngine, ok, type Engine } from '../engine.ts'
import { TlshConfigSchema, ttlMs, type TlshConfig } from './config.ts'
import { fingerprintsOf, fingerprintsWithin, type MessageFingerprint } from './fingerprints.ts'
import { reportedSpamFinding } from './findings.ts'
import { matchFingerprint, type FingerprintMatch } from './match.ts'

export { TlshConfigSchema, type TlshConfig } from './config.ts'
export { fingerprintsOf, type MessageFingerprint } from './fingerprints.ts'
export { normaliseBody } from './normalise-body.ts'

/** The engine reads the reports from `state` on every scan, so a report counts from the very next message. */
export function createTlshEngine(state: LearningState): Engine<TlshConfig> {
  return defineEngine({
    name: 'tlsh',
    description: 'Fingerprint proximity: TLSH of the body and attachments, near copies of reported spam.',
    configSchema: TlshConfigSchema,
    async scan(message, ctx) {
      const { prints, complete } = fingerprintsWithin(message, ctx.config, ctx.deadline)
      if (!complete) {
        return {
          status: 'error',
          errorCode: 'Timeout',
          why: 'The deadline passed while attachments were fingerprinted.',
        }
      }
      if (prints.length === 0) {
        return { status: 'skipped', why: 'No part of the message is long and varied enough to fingerprint.' }
      }
      const since = Date.now() - ttlMs(ctx.config)
      const matches: FingerprintMatch[] = []
      for (const print of prints) {
        const match = matchFingerprint(state, print, ctx.config, since)
        if (match) matches.push(match)
      }
      if (matches.length === 0) return ok([])
      const best = matches.reduce((a, b) => (b.nearest.distance < a.nearest.distance ? b : a))
      return ok([reportedSpamFinding(best, matches.length - 1)])
    },
  })
}

/** Reports add (or take back) weight on the message's fingerprints; entries past their time to live go. */
export function createFingerprintLearner(config: TlshConfig): Learner<MessageFingerprint[]> {
  return {
    name: 'tlsh',
    features: (message) => fingerprintsOf(message, config),
    async apply(tx, prints, change) {
      const { message } = change
      await applyFingerprintReport(tx, prints, {
        side: change.side,
        delta: change.delta,
        at: change.at,
        sha256: message.sha256,
        subject: message.subject,
        messageId: message.messageId,
      })
      if (change.delta > 0) await pruneFingerprints(tx, change.at - ttlMs(config))
    },
  }
}
