/** Person names compared as people read them: case, accents, punctuation, word order and look-alikes folded. */
import { skeleton } from '../../domains/confusables.ts'

/** Words a display name may add to a protected name ("Jane Doe CEO", "Doe, Jane (Finance)"). */
const MAX_EXTRA_WORDS = 2
const MAX_NAME = 256

/**
 * The words of a name, folded: "Doe, Jane Ä." and "jane doe a" give the same set. Initials are
 * dropped unless nothing else is left, so "Jane Q. Doe" still matches "Jane Doe"; order does not
 * matter, which covers the "Last, First" form. Confusable skeletons catch a Cyrillic "а".
 */
export function nameWords(name: string): string[] {
  const words = name
    .slice(0, MAX_NAME)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map(skeleton)
  const full = words.filter((w) => w.length > 1)
  return [...new Set(full.length > 0 ? full : words)]
}

/** True when `displayName` is the protected name, give or take word order, initials and a title. */
export function namesMatch(displayWords: readonly string[], personWords: readonly string[]): boolean {
  if (personWords.length === 0 || displayWords.length === 0) return false
  // A one-word protected name ("Cher") matches only on its own: single words collide too often.
  if (personWords.length === 1) return displayWords.length === 1 && displayWords[0] === personWords[0]
  const display = new Set(displayWords)
  return personWords.every((w) => display.has(w)) && displayWords.length - personWords.length <= MAX_EXTRA_WORDS
}
