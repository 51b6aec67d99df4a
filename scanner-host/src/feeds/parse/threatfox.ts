/**
 * ThreatFox JSON: the export (`{"<id>": [{ioc_value, ioc_type, threat_type, malware_printable,
 * confidence_level, ...}]}`) or an API answer (`{"query_status": "ok", "data": [{id, ioc, ...}]}`).
 * URL IOCs are URLs, `domain` IOCs whole domains, `ip:port` IOCs whole hosts; hashes are not links.
 */
import type { FeedEntry } from '../entry.ts'
import { urlKey, type UrlKey } from '../normalise-url.ts'
import type { Collector, FeedParser } from './collector.ts'
import { describeRoot, JsonRecordSplitter, parseRecord } from './json-records.ts'

const MAX_RECORD = 256 * 1024

export interface ThreatfoxOptions {
  /** IOCs below this confidence_level (0-100) are ignored. */
  minConfidence: number
}

export function threatfoxParser(out: Collector, options: ThreatfoxOptions): FeedParser {
  const split = new JsonRecordSplitter({
    depth: 2,
    maxRecordLength: MAX_RECORD,
    stopped: () => out.stopped,
    onRecord(text, key) {
      const record = parseRecord(text)
      const value = record && str(record.ioc_value ?? record.ioc)
      const type = record && str(record.ioc_type)
      if (!record || !value || !type) return out.skip()
      if (!['url', 'domain', 'ip:port'].includes(type)) return out.ignore()
      const confidence = Number(record.confidence_level ?? 100)
      if (!(confidence >= options.minConfidence)) return out.ignore()
      const parsed = iocKey(type, value)
      if (!parsed) return out.skip()
      const entry: FeedEntry = {
        kind: parsed.kind,
        value: parsed.value,
        threat: str(record.threat_type) ?? 'malware',
      }
      const family = str(record.malware_printable)
      if (family && family !== 'Unknown malware') entry.family = family.slice(0, 100)
      const id = str(record.id) ?? key
      if (id && /^\d{1,12}$/.test(id)) entry.reference = `https://threatfox.abuse.ch/ioc/${id}/`
      out.emit(entry, parsed.key)
    },
  })
  return {
    push: (text) => split.push(text),
    end() {
      split.end()
      if (split.root !== '{')
        throw new Error(`not ThreatFox JSON: expected an object, found ${describeRoot(split.root)}`)
    },
  }
}

function iocKey(type: string, value: string): { kind: FeedEntry['kind']; value: string; key?: UrlKey } | null {
  if (type === 'url') {
    // A few URL IOCs are written without a scheme; a browser would take them as http.
    const key = urlKey(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`)
    return key && { kind: 'url', value: key.url, key }
  }
  // A domain or ip:port is read as the authority of a URL, which checks and normalises it.
  if (/[/?#@\s]/.test(value)) return null
  const host = urlKey(`http://${value}/`)?.host
  if (!host) return null
  if (type === 'domain') return host.startsWith('[') || /^[\d.]+$/.test(host) ? null : { kind: 'domain', value: host }
  return { kind: 'host', value: host }
}

function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}
