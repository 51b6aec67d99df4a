/** OpenPhish feed.txt: one phishing URL per line. */
import { urlKey } from '../normalise-url.ts'
import type { Collector, FeedParser } from './collector.ts'
import { LineSplitter } from './lines.ts'

const MAX_LINE = 16 * 1024

export function openphishParser(out: Collector): FeedParser {
  const lines = new LineSplitter({
    maxLength: MAX_LINE,
    onOverlong: () => out.skip(),
    stopped: () => out.stopped,
    onLine(raw) {
      const line = raw.trim()
      if (line === '' || line.startsWith('#')) return
      const key = urlKey(line)
      if (!key) return out.skip()
      out.emit({ kind: 'url', value: key.url, threat: 'phishing' }, key)
    },
  })
  return { push: (text) => lines.push(text), end: () => lines.end() }
}
