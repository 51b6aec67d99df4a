/** parseCsvLine: one RFC 4180 line (quoted fields, "" escapes); null when a quote is left open. */

export function parseCsvLine(line: string): string[] | null {
  const fields: string[] = []
  let i = 0
  for (;;) {
    if (line[i] !== '"') {
      const comma = line.indexOf(',', i)
      if (comma < 0) {
        fields.push(line.slice(i))
        return fields
      }
      fields.push(line.slice(i, comma))
      i = comma + 1
      continue
    }
    let value = ''
    i++
    for (;;) {
      const quote = line.indexOf('"', i)
      if (quote < 0) return null
      value += line.slice(i, quote)
      i = quote + 1
      if (line[i] !== '"') break
      value += '"'
      i++
    }
    fields.push(value)
    if (i === line.length) return fields
    // Text after a closing quote is not CSV: the line is garbage rather than a guess.
    if (line[i] !== ',') return null
    i++
  }
}
