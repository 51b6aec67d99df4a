import { describe, expect, it } from 'vitest'
import type { RspamdCheck } from './check.ts'
import { RspamdConfigSchema } from './config.ts'
import { rspamdFindings } from './findings.ts'
import { outcomeOf } from './rspamd-engine.ts'

// Rspamd's own scale (weight 1), so the figures below read as Rspamd's; the default weight is tested apart.
const CONFIG = RspamdConfigSchema.parse({ scoreWeight: 1 })

function check(over: Partial<RspamdCheck>): RspamdCheck {
  return { score: 0, requiredScore: 15, action: 'no action', skipped: false, symbols: [], ...over }
}

/** Strongest first, as checkMessage orders them. */
const SPAMMY: RspamdCheck['symbols'] = [
  { name: 'BAYES_SPAM', score: 5.1, description: 'Message probably spam, probability: 97%' },
  {
    name: 'HFILTER_HOSTNAME_UNKNOWN',
    score: 2.5,
    description: 'Unknown client hostname (PTR or FCrDNS verification failed)',
  },
  { name: 'DATE_IN_PAST', score: 1, description: 'Message date is in past' },
  { name: 'MIME_GOOD', score: -0.1, description: 'Known content-type' },
  { name: 'ARC_NA', score: 0 },
]

describe('rspamdFindings', () => {
  it('reports a refusal as RSPAMD_REJECT with Rspamd’s score and symbols under their own names', () => {
    const [finding, ...rest] = rspamdFindings(check({ score: 16.25, action: 'reject', symbols: SPAMMY }), CONFIG)
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ code: 'RSPAMD_REJECT', severity: 'high', score: 16.25 })
    expect(finding!.evidence).toEqual({
      score: 16.25,
      requiredScore: 15,
      action: 'reject',
      symbols: [
        'BAYES_SPAM (+5.1)',
        'HFILTER_HOSTNAME_UNKNOWN (+2.5)',
        'DATE_IN_PAST (+1)',
        'MIME_GOOD (-0.1)',
        'ARC_NA (0)',
      ],
      symbolCount: 5,
    })
    expect(finding!.text).toBe(
      'Rspamd rates this message as spam and would refuse it (score 16.25; it refuses mail from 15). Strongest signs: Message probably spam, probability: 97%; Unknown client hostname (PTR or FCrDNS verification failed); Message date is in past.',
    )
  })

  it('says what a pre-filter decided on (GTUBE), and counts a forced refusal at least at the threshold', () => {
    const gtube = check({
      score: 0,
      action: 'reject',
      skipped: true,
      symbols: [{ name: 'GTUBE', score: 0 }],
      smtpMessage: 'Gtube pattern',
    })
    const [finding] = rspamdFindings(gtube, CONFIG)
    expect(finding).toMatchObject({ code: 'RSPAMD_REJECT', score: 15 })
    expect(finding!.evidence).toMatchObject({
      symbols: ['GTUBE (0)'],
      rspamdMessage: 'Gtube pattern',
      decidedByPrefilter: true,
    })
    expect(finding!.text).toContain(': Gtube pattern (GTUBE).')
  })

  it('reports marking as RSPAMD_JUNK, and nothing below Rspamd’s own thresholds by default', () => {
    expect(rspamdFindings(check({ score: 7.2, action: 'add header', symbols: SPAMMY }), CONFIG)).toMatchObject([
      { code: 'RSPAMD_JUNK', severity: 'medium', score: 7.2 },
    ])
    expect(rspamdFindings(check({ score: 8, action: 'rewrite subject' }), CONFIG)[0]?.code).toBe('RSPAMD_JUNK')
    expect(rspamdFindings(check({ score: 5.9 }), CONFIG)).toEqual([])
    expect(rspamdFindings(check({ score: -3 }), CONFIG)).toEqual([])
  })

  it('reports scores from minScore up as RSPAMD_SCORE when the policy asks for it', () => {
    const config = RspamdConfigSchema.parse({ minScore: 4, scoreWeight: 1 })
    expect(rspamdFindings(check({ score: 4.5, symbols: SPAMMY }), config)).toMatchObject([
      { code: 'RSPAMD_SCORE', severity: 'low', score: 4.5 },
    ])
    expect(rspamdFindings(check({ score: 3.9 }), config)).toEqual([])
  })

  it('scales the score by scoreWeight and lists at most maxSymbols symbols', () => {
    const config = RspamdConfigSchema.parse({ scoreWeight: 0.5, maxSymbols: 2 })
    const [finding] = rspamdFindings(check({ score: 20, action: 'reject', symbols: SPAMMY }), config)
    expect(finding!.score).toBe(10)
    expect(finding!.evidence.symbols).toEqual(['BAYES_SPAM (+5.1)', 'HFILTER_HOSTNAME_UNKNOWN (+2.5)'])
    expect(finding!.evidence.symbolCount).toBe(5)
  })
})

describe('outcomeOf', () => {
  it('takes "soft reject" (try again later) as an error, never as a clean result', () => {
    const timedOut = outcomeOf(check({ action: 'soft reject', smtpMessage: 'Message processing timeout' }), CONFIG)
    expect(timedOut).toMatchObject({ status: 'error', errorCode: 'Timeout' })
    expect(outcomeOf(check({ action: 'soft reject' }), CONFIG)).toMatchObject({ status: 'error', errorCode: 'Threw' })
  })

  it('is ok with no findings for mail Rspamd lets through', () => {
    expect(outcomeOf(check({ score: 1.2 }), CONFIG)).toEqual({ status: 'ok', findings: [] })
  })
})
