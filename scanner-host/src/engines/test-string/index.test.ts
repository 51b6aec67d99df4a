import { describe, expect, it } from 'vitest'
import { codesOf, findingsOf } from '../../testing/engine-harness.ts'
import { MOAT_TEST_STRING, testStringEngine } from './index.ts'

describe('test-string engine', () => {
  it('finds the test string in a plain body', async () => {
    const findings = await findingsOf(testStringEngine, { text: `hello\n${MOAT_TEST_STRING}\n` })
    expect(codesOf(findings)).toEqual(['MOAT_TEST_STRING'])
  })

  it('finds the test string inside a base64 attachment', async () => {
    const findings = await findingsOf(testStringEngine, {
      text: 'see attached',
      attachments: [{ filename: 'note.txt', contentType: 'text/plain', content: `x ${MOAT_TEST_STRING} y` }],
    })
    expect(findings[0]?.evidence.foundIn).toBe('attachment note.txt')
  })

  it('stays quiet on ordinary mail', async () => {
    expect(await findingsOf(testStringEngine, { text: 'MOAT-TEST-STRING alone is not the string' })).toEqual([])
  })
})
