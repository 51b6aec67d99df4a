import { beforeAll, describe, expect, it } from 'vitest'
import { createScanner } from '../../pipeline/scan-message.ts'
import { DEFAULT_POLICY, PolicySchema } from '../../policy/policy.ts'
import { buildMessage } from '../../testing/build-message.ts'
import { createAuthEngine } from './index.ts'
import { type Fixture, fixture, prepend, receivedFrom, sign, stubDns } from './test-support.ts'

let fx: Fixture
beforeAll(() => {
  fx = fixture()
})

/** The whole pipeline: an allow entry counts only when the auth engine proved the sender. */
function scanner() {
  const policy = PolicySchema.parse({
    lists: { allow: ['alice@example.org'] },
    // Only the auth engine runs here; the usual critical engines would stand in as failures.
    criticalEngines: [],
    engines: { auth: { config: { receivedBy: ['mycompany.com'] } } },
  })
  return createScanner({ policy, engines: [createAuthEngine({ resolver: stubDns(fx.zone).resolve })] })
}

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code).sort()

describe('allow entries and sender authentication', () => {
  it('honours the allow entry for a sender whose signature checks out', async () => {
    const raw = await sign(buildMessage({ from: 'Alice <alice@example.org>', text: 'Minutes attached.\n' }), [
      { domain: 'example.org', selector: 's1', key: fx.keys.org },
    ])
    const { verdict } = await scanner().scan(raw)
    expect(codes(verdict.reasons)).toEqual(['AUTH_ALIGNED_PASS', 'LIST_ALLOWED'])
    expect(verdict.reasons.find((r) => r.code === 'LIST_ALLOWED')?.evidence.authenticated).toBe(true)
    expect(verdict.action).toBe('allow')
  })

  it('ignores the allow entry for a forged sender, and DMARC p=reject counts against it', async () => {
    const forged = prepend(
      buildMessage({ from: 'Alice <alice@example.org>', text: 'Please pay the attached invoice today.\n' }),
      'Return-Path: <alice@example.org>',
      receivedFrom('203.0.113.66', 'mail.attacker.example'),
    )
    const { verdict } = await scanner().scan(forged)
    expect(codes(verdict.reasons)).toEqual(['AUTH_DMARC_FAIL', 'AUTH_SPF_FAIL', 'LIST_ALLOW_UNAUTHENTICATED'])
    // The allow entry adds nothing: the score is the two failures' points alone.
    expect(verdict.score).toBe(DEFAULT_POLICY.scores.AUTH_DMARC_FAIL! + DEFAULT_POLICY.scores.AUTH_SPF_FAIL!)
    expect(verdict.action).toBe('flag')
  })

  it('ignores the allow entry when a signature of another domain is all there is', async () => {
    const raw = await sign(buildMessage({ from: 'Alice <alice@example.org>', text: 'Hello\n' }), [
      { domain: 'example.net', selector: 's1', key: fx.keys.net },
    ])
    const { verdict } = await scanner().scan(raw)
    expect(codes(verdict.reasons)).toContain('LIST_ALLOW_UNAUTHENTICATED')
    expect(codes(verdict.reasons)).not.toContain('AUTH_ALIGNED_PASS')
  })
})
