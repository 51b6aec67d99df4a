/** createParser: the parser for a feed format. */
import type { FeedFormat } from '../source.ts'
import type { Collector, FeedParser } from './collector.ts'
import { openphishParser } from './openphish.ts'
import { phishtankParser } from './phishtank.ts'
import { threatfoxParser } from './threatfox.ts'
import { urlhausParser } from './urlhaus.ts'

export { Collector, type EntrySink, type FeedParser, type ParseStats } from './collector.ts'

export function createParser(format: FeedFormat, out: Collector, options: { minConfidence: number }): FeedParser {
  switch (format) {
    case 'urlhaus':
      return urlhausParser(out)
    case 'openphish':
      return openphishParser(out)
    case 'phishtank':
      return phishtankParser(out)
    case 'threatfox':
      return threatfoxParser(out, options)
  }
}
