/** Bounded Damerau-Levenshtein distance (optimal string alignment variant) for short labels. */

/** Beyond this length labels are compared only for equality; DNS labels stop at 63 (RFC 1035). */
const MAX_LENGTH = 256

/**
 * Edits (insert, delete, substitute, swap adjacent) needed to turn `a` into `b`, or `max + 1` as
 * soon as the answer is known to exceed `max`. Runs in O(|a|·|b|) at worst, usually far less because
 * a row whose minimum exceeds `max` ends the search.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0
  const over = max + 1
  if (Math.abs(a.length - b.length) > max || a.length > MAX_LENGTH || b.length > MAX_LENGTH) return over
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length)

  let before = new Array<number>(b.length + 1).fill(0)
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  let current = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1)
      current[j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return over
    const recycled = before
    before = previous
    previous = current
    current = recycled
  }
  return Math.min(previous[b.length]!, over)
}
