import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from './policy.ts'
import { parsePolicy, PolicyError } from './load-policy.ts'

describe('policy', () => {
  it('fills every default from an empty file', () => {
    expect(parsePolicy('')).toEqual(DEFAULT_POLICY)
    expect(DEFAULT_POLICY.thresholds).toEqual({ flag: 5, quarantine: 10, delete: 40 })
    expect(DEFAULT_POLICY.minimumActions.MOAT_TEST_STRING).toBe('delete')
  })

  it('merges scores and minimum actions over the defaults', () => {
    const policy = parsePolicy('scores:\n  LINK_SHORTENER: 4\nminimumActions:\n  HTML_SMUGGLING: quarantine\n')
    expect(policy.scores.LINK_SHORTENER).toBe(4)
    expect(policy.scores.ATTACH_EXECUTABLE).toBe(10)
    expect(policy.minimumActions.HTML_SMUGGLING).toBe('quarantine')
    expect(policy.minimumActions.MOAT_TEST_STRING).toBe('delete')
  })

  it('merges a partial severity table over the defaults', () => {
    const policy = parsePolicy('severityScores:\n  high: 8\n')
    expect(policy.severityScores).toEqual({ info: 0, low: 1.5, medium: 3, high: 8, critical: 15 })
  })

  it('reads JSON as well as YAML', () => {
    expect(parsePolicy('{"name":"strict","thresholds":{"flag":3,"quarantine":6,"delete":20}}').name).toBe('strict')
  })

  it.each([
    ['thresholds:\n  flag: high\n', /thresholds\.flag/],
    ['thresholds:\n  flag: 20\n  quarantine: 10\n', /thresholds must rise/],
    ['lists:\n  block: ["not an entry"]\n', /lists\.block\.0/],
    ['colour: blue\n', /colour/],
    ['scores:\n  lower_case: 1\n', /scores/],
    ['scores:\n  ATACH_EXECUTABLE: 1\n', /scores\.ATACH_EXECUTABLE: not a finding code Moat knows/],
    ['severityScores:\n  extreme: 9\n', /severityScores/],
    ['minimumActions:\n  LINK_IP_HOST: burn\n', /minimumActions\.LINK_IP_HOST/],
    ['{{{', /not valid YAML/],
  ])('refuses %j with an error naming the key', (text, pattern) => {
    expect(() => parsePolicy(text, 'p.yaml')).toThrow(PolicyError)
    expect(() => parsePolicy(text, 'p.yaml')).toThrow(pattern)
  })
})
