import { describe, expect, it } from 'vitest'
import { terminalSafe } from './terminal-safe.ts'

describe('terminalSafe', () => {
  it('shows escape sequences, C1 controls and bidi overrides instead of obeying them', () => {
    expect(terminalSafe('\u001b[2Jcleared')).toBe('\\u{1b}[2Jcleared')
    expect(terminalSafe('\u009b31mred')).toBe('\\u{9b}31mred')
    expect(terminalSafe('invoice\u202Efdp.exe')).toBe('invoice\\u{202e}fdp.exe')
  })

  it('keeps line breaks, tabs and ordinary text, accents included', () => {
    expect(terminalSafe('Grüße\n\tnext line')).toBe('Grüße\n\tnext line')
  })
})
