import { describe, expect, it } from 'vitest'
import { VerdictSchema, type EngineResult, type Finding, type MessageIdentity } from '@moat/contract'
import { EMPTY_LISTS, type Lists } from '../policy/lists.ts'
import { PolicySchema, type PolicyInput } from '../policy/policy.ts'
import { decide } from './decide.ts'

const identity: MessageIdentity = {
  messageId: '<1@example.org>',
  sha256: 'a'.repeat(64),
  size: 100,
  from: 'alice@example.org',
  to: ['bob@example.com'],
  subject: 'hi',
  date: null,
}

function finding(code: string, severity: Finding['severity'] = 'medium', score?: number): Finding {
  return { code, severity, text: `${code} seen`, evidence: {}, ...(score === undefined ? {} : { score }) }
}
function okResult(engine: string, findings: Finding[]): EngineResult {
  return { engine, status: 'ok', findings, durationMs: 1 }
}
function run(
  results: EngineResult[],
  policy: PolicyInput = {},
  lists: Lists = EMPTY_LISTS,
  sender = 'alice@example.org',
) {
  const verdict = decide({ results, identity, sender, lists, policy: PolicySchema.parse(policy) })
  expect(VerdictSchema.parse(verdict)).toEqual(verdict)
  return verdict
}

describe('decide', () => {
  it('allows a message with no findings and lists every engine that ran', () => {
    const verdict = run([okResult('html', []), { engine: 'links', status: 'skipped', why: 'no links', durationMs: 0 }])
    expect(verdict.action).toBe('allow')
    expect(verdict.score).toBe(0)
    expect(verdict.reasons).toEqual([])
    expect(verdict.engines.ran.map((e) => e.name)).toEqual(['html'])
    expect(verdict.engines.skipped).toEqual([{ name: 'links', why: 'no links' }])
  })

  it('scores by code from the policy, then the engine, then the severity', () => {
    const findings = [
      finding('CUSTOM_A', 'high'),
      finding('CUSTOM_B', 'low', 2.5),
      finding('LINK_IP_HOST', 'medium', 4),
    ]
    const verdict = run([okResult('custom', findings)], { scores: { LINK_IP_HOST: 0.5 } })
    const scores = Object.fromEntries(verdict.reasons.map((r) => [r.code, r.score]))
    expect(scores).toEqual({ CUSTOM_A: 6, CUSTOM_B: 2.5, LINK_IP_HOST: 0.5 })
    expect(verdict.score).toBe(9)
    expect(verdict.action).toBe('flag')
    expect(verdict.reasons.map((r) => r.code)).toEqual(['CUSTOM_A', 'CUSTOM_B', 'LINK_IP_HOST'])
  })

  it('follows the thresholds of the policy', () => {
    const results = [okResult('custom', [finding('CUSTOM_A', 'high', 12)])]
    expect(run(results).action).toBe('quarantine')
    expect(run(results, { thresholds: { flag: 1, quarantine: 20, delete: 30 } }).action).toBe('flag')
    expect(run(results, { thresholds: { flag: 1, quarantine: 5, delete: 12 } }).action).toBe('delete')
  })

  it('deletes on the test string whatever the score and the allow list say', () => {
    const verdict = run(
      [okResult('test-string', [finding('MOAT_TEST_STRING', 'critical')])],
      {
        trustUnauthenticatedAllow: true,
        scores: { MOAT_TEST_STRING: 0 },
      },
      { allow: ['example.org'], block: [] },
    )
    expect(verdict.action).toBe('delete')
    expect(verdict.reasons.map((r) => r.code)).toContain('LIST_ALLOWED')
  })

  it('holds the message when a critical engine fails, and names the engine', () => {
    const results: EngineResult[] = [
      {
        engine: 'attachments',
        status: 'error',
        errorCode: 'Timeout',
        why: 'no answer within 2000 ms',
        durationMs: 2000,
      },
    ]
    const verdict = run(results)
    expect(verdict.action).toBe('quarantine')
    expect(verdict.reasons[0]?.code).toBe('ENGINE_FAILED_CRITICAL')
    expect(verdict.reasons[0]?.text).toContain('attachments')
    expect(verdict.engines.failed[0]).toMatchObject({ name: 'attachments', critical: true, errorCode: 'Timeout' })
  })

  it('notes a failed optional engine without holding the message', () => {
    const verdict = run([{ engine: 'links', status: 'error', errorCode: 'Threw', why: 'boom', durationMs: 1 }])
    expect(verdict.action).toBe('allow')
    expect(verdict.reasons.map((r) => r.code)).toEqual(['ENGINE_FAILED'])
    expect(verdict.engines.failed[0]?.critical).toBe(false)
  })

  it('lets block win over allow', () => {
    const verdict = run(
      [],
      { trustUnauthenticatedAllow: true },
      { allow: ['alice@example.org'], block: ['example.org'] },
    )
    expect(verdict.action).toBe('quarantine')
    expect(verdict.reasons.map((r) => r.code)).toEqual(['LIST_BLOCKED'])
    expect(verdict.reasons[0]?.evidence).toMatchObject({ entry: 'example.org', ignoredAllowEntry: 'alice@example.org' })
  })

  it('blocks subdomains of a blocked domain but not look-alike suffixes', () => {
    const lists = { allow: [], block: ['example.org'] }
    expect(run([], {}, lists, 'x@mail.example.org').action).toBe('quarantine')
    expect(run([], {}, lists, 'x@badexample.org').action).toBe('allow')
  })

  it('ignores an allow entry for an unauthenticated sender unless the policy trusts it', () => {
    const spam = [okResult('custom', [finding('CUSTOM_SPAM', 'high', 12)])]
    const lists = { allow: ['example.org'], block: [] }
    const strict = run(spam, {}, lists)
    expect(strict.action).toBe('quarantine')
    expect(strict.reasons.map((r) => r.code)).toContain('LIST_ALLOW_UNAUTHENTICATED')

    const trusting = run(spam, { trustUnauthenticatedAllow: true }, lists)
    expect(trusting.action).toBe('allow')
    expect(trusting.score).toBe(-8)
  })

  it('honours an allow entry once an engine proved the sender', () => {
    const results = [
      okResult('custom', [finding('CUSTOM_SPAM', 'high', 12)]),
      okResult('auth', [finding('AUTH_ALIGNED_PASS', 'info')]),
    ]
    const verdict = run(results, {}, { allow: ['alice@example.org'], block: [] })
    expect(verdict.action).toBe('allow')
    expect(verdict.reasons.find((r) => r.code === 'LIST_ALLOWED')?.evidence.authenticated).toBe(true)
  })

  it('holds a program from an authenticated, allow-listed sender (its account may be compromised)', () => {
    const results = [
      okResult('attachments', [finding('ATTACH_EXECUTABLE', 'high')]),
      okResult('auth', [finding('AUTH_ALIGNED_PASS', 'info')]),
    ]
    const verdict = run(results, {}, { allow: ['example.org'], block: [] })
    expect(verdict.score).toBeLessThan(0)
    expect(verdict.action).toBe('quarantine')
  })

  it('keeps minimum actions of limit findings even with a low score', () => {
    const verdict = run([okResult('mime', [finding('LIMIT_NESTING', 'high', 0)])])
    expect(verdict.action).toBe('quarantine')
  })
})
