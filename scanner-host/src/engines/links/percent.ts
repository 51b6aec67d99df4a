/** Percent-decoding (RFC 3986 s2.1) that never throws on malformed or non-UTF-8 escapes. */

/** Decodes `%XX` escapes; invalid sequences stay as written instead of failing the whole string. */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text
  try {
    return decodeURIComponent(text)
  } catch {
    // Decode valid UTF-8 runs one escape-run at a time; leave broken runs untouched.
    return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run)
      } catch {
        return run
      }
    })
  }
}

/** The raw (still encoded) value of query parameter `name`, or null. */
export function rawQueryParam(search: string, name: string): string | null {
  const query = search.startsWith('?') ? search.slice(1) : search
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=')
    const key = eq < 0 ? pair : pair.slice(0, eq)
    if (key === name) return eq < 0 ? '' : pair.slice(eq + 1)
  }
  return null
}
