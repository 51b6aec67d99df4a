/** URLhaus CSV dumps (csv_recent, csv_online): `#` comments, then quoted id,dateadded,url,url_status,... lines. */
import type { FeedEntry } from '../entry.ts'
import { urlKey } from '../normalise-url.ts'
import type { Collector, FeedParser } from './collector.ts'
import { parseCsvLine } from './csv.ts'
import { LineSplitter } from './lines.ts'

/** URLhaus lines are about 200 characters; the limit only stops garbage from being held. */
const MAX_LINE = 16 * 1024

/** The columns of today's dump; the `# id,dateadded,...` comment line overrides them when present. */
const DEFAULT_COLUMNS = ['id', 'dateadded', 'url', 'url_status', 'last_online', 'threat', 'tags', 'urlhaus_link']

export function urlhausParser(out: Collector): FeedParser {
  let columns = columnIndex(DEFAULT_COLUMNS)
  const lines = new LineSplitter({
    maxLength: MAX_LINE,
    onOverlong: () => out.skip(),
    stopped: () => out.stopped,
    onLine(raw) {
      const line = raw.trim()
      if (line === '') return
      if (line.startsWith('#')) {
        // Older dumps had no last_online column: read the layout the file itself announces.
        const header = /^#\s*(id\s*,.*)$/.exec(line)?.[1]
        if (header) columns = columnIndex(header.split(',').map((name) => name.trim()))
        return
      }
      const fields = parseCsvLine(line)
      const at = (name: string) => {
        const i = columns.get(name)
        return i === undefined ? '' : (fields?.[i]?.trim() ?? '')
      }
      const key = fields && urlKey(at('url'))
      if (!key) return out.skip()
      const entry: FeedEntry = { kind: 'url', value: key.url, threat: at('threat') || 'malware_download' }
      const tags = at('tags')
      if (tags && tags !== 'None') entry.tags = tags.slice(0, 200)
      const link = at('urlhaus_link')
      if (link.startsWith('https://')) entry.reference = link
      const status = at('url_status')
      if (status) entry.online = status !== 'offline'
      out.emit(entry, key)
    },
  })
  return { push: (text) => lines.push(text), end: () => lines.end() }
}

function columnIndex(names: string[]): Map<string, number> {
  return new Map(names.map((name, i) => [name, i]))
}
