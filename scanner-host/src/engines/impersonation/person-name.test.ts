import { describe, expect, it } from 'vitest'
import { nameWords, namesMatch } from './person-name.ts'

const matches = (display: string, person: string) => namesMatch(nameWords(display), nameWords(person))

describe('person names', () => {
  it('folds case, accents and punctuation', () => {
    expect(nameWords('  JOSÉ  Müller-Lüdenscheidt ')).toEqual(['jose', 'muller', 'ludenscheidt'])
    expect(matches('jose muller ludenscheidt', 'José Müller-Lüdenscheidt')).toBe(true)
  })

  it('accepts "Last, First", initials and a title or two', () => {
    expect(matches('Doe, Jane', 'Jane Doe')).toBe(true)
    expect(matches('Jane Q. Doe', 'Jane Doe')).toBe(true)
    expect(matches('Jane Doe (CEO)', 'Jane Doe')).toBe(true)
  })

  it('sees through Cyrillic look-alike letters', () => {
    expect(matches('J\u0430ne D\u043ee', 'Jane Doe')).toBe(true)
  })

  it('does not match other people or names padded with many words', () => {
    expect(matches('Jane Smith', 'Jane Doe')).toBe(false)
    expect(matches('Support', 'Jane Doe')).toBe(false)
    expect(matches('Jane Doe fan club newsletter weekly', 'Jane Doe')).toBe(false)
  })

  it('matches one-word names only exactly', () => {
    expect(matches('Cher', 'Cher')).toBe(true)
    expect(matches('Cher Fan', 'Cher')).toBe(false)
    expect(matches('', 'Cher')).toBe(false)
  })
})
