/** Mixed-script detection per label, after UTS #39 s5.1 (script sets) and s5.2 (restriction levels). */
import { hasNonAscii, toUnicode } from './idn.ts'

/** Scripts named in evidence; any other letter counts as 'Other'. Order matters only for speed. */
const SCRIPT_NAMES = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Cherokee',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Thai',
  'Devanagari',
  'Bengali',
  'Tamil',
  'Ethiopic',
] as const

const SCRIPTS = SCRIPT_NAMES.map((name) => ({ name, re: new RegExp(`^\\p{Script=${name}}$`, 'u') }))

/** Digits, hyphens and combining marks belong to every script (Common, Inherited). */
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u

/**
 * Combinations UTS #39 "Highly Restrictive" allows because real CJK names mix them; anything else
 * mixing scripts in one label (Latin with Cyrillic, Latin with Greek) is how homograph attacks look.
 */
const ALLOWED_SETS: ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
]

/** The scripts of the letters in `text`, ignoring Common and Inherited characters. */
export function scriptsOf(text: string): Set<string> {
  const found = new Set<string>()
  for (const char of text) {
    const code = char.charCodeAt(0)
    if (code < 0x80) {
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) found.add('Latin')
      continue
    }
    if (NEUTRAL.test(char)) continue
    found.add(SCRIPTS.find((s) => s.re.test(char))?.name ?? 'Other')
  }
  return found
}

/** True when one label mixes scripts in a way no single-language name does. */
export function isMixedScript(label: string): boolean {
  const scripts = scriptsOf(label)
  if (scripts.size < 2) return false
  return !ALLOWED_SETS.some((allowed) => [...scripts].every((s) => allowed.has(s)))
}

export interface MixedScriptLabel {
  /** The label in Unicode. */
  label: string
  scripts: string[]
}

/** Labels of `host` (ASCII or Unicode) that mix scripts; [] for plain ASCII hosts. */
export function mixedScriptLabels(host: string): MixedScriptLabel[] {
  const unicode = toUnicode(host)
  if (!hasNonAscii(unicode)) return []
  const out: MixedScriptLabel[] = []
  for (const label of unicode.split('.')) {
    if (isMixedScript(label)) out.push({ label, scripts: [...scriptsOf(label)].sort() })
  }
  return out
}
