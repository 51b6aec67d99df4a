/** PhishTank online-valid.json: an array of {phish_id, url, phish_detail_url, verified, online, target, ...}. */
import type { FeedEntry } from '../entry.ts'
import { urlKey } from '../normalise-url.ts'
import type { Collector, FeedParser } from './collector.ts'
import { describeRoot, JsonRecordSplitter, parseRecord } from './json-records.ts'

/** A record with its `details` is about 1 KiB; far longer ones are not PhishTank records. */
const MAX_RECORD = 256 * 1024

export function phishtankParser(out: Collector): FeedParser {
  const split = new JsonRecordSplitter({
    depth: 1,
    maxRecordLength: MAX_RECORD,
    stopped: () => out.stopped,
    onRecord(text) {
      const record = parseRecord(text)
      const key = typeof record?.url === 'string' ? urlKey(record.url) : null
      if (!record || !key) return out.skip()
      // online-valid.json holds only verified, online phish; other dumps say so per record.
      if (!yes(record.verified ?? 'yes') || !yes(record.online ?? 'yes')) return out.ignore()
      const entry: FeedEntry = { kind: 'url', value: key.url, threat: 'phishing' }
      if (typeof record.target === 'string' && record.target !== '' && record.target !== 'Other') {
        entry.family = record.target.slice(0, 100)
      }
      const reference = detailUrl(record)
      if (reference) entry.reference = reference
      out.emit(entry, key)
    },
  })
  return {
    push: (text) => split.push(text),
    end() {
      split.end()
      if (split.root !== '[')
        throw new Error(`not PhishTank JSON: expected an array, found ${describeRoot(split.root)}`)
    },
  }
}

function yes(value: unknown): boolean {
  return value === 'yes' || value === true
}

function detailUrl(record: Record<string, unknown>): string | null {
  const detail = record.phish_detail_url
  if (typeof detail === 'string' && /^https?:\/\//.test(detail)) return detail.slice(0, 200)
  const id = record.phish_id
  return typeof id === 'number' || (typeof id === 'string' && /^\d{1,12}$/.test(id))
    ? `https://phishtank.org/phish_detail.php?phish_id=${id}`
    : null
}
