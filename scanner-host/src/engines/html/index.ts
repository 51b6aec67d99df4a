/** html engine: HTML smuggling, hidden text, forms that post elsewhere and script, in bodies and HTML attachments. */
import type { Finding } from '@moat/contract'
import { defineEngine, ok, type EngineOutcome } from '../engine.ts'
import { HtmlConfigSchema } from './config.ts'
import { htmlDocuments } from './documents.ts'
import { documentFindings } from './findings.ts'
import { scanDocument } from './scan-document.ts'

export { HtmlConfigSchema, type HtmlConfig } from './config.ts'

const TIMED_OUT: EngineOutcome = {
  status: 'error',
  errorCode: 'Timeout',
  why: 'the deadline passed while reading HTML',
}

export const htmlEngine = defineEngine({
  name: 'html',
  description: 'HTML body and HTML attachments: smuggling, hidden text, forms posting elsewhere, script.',
  configSchema: HtmlConfigSchema,
  async scan(message, ctx) {
    const { config, deadline } = ctx
    const findings: Finding[] = []
    let documents = 0
    for (const doc of htmlDocuments(message, ctx.limits.maxHtmlBytes, config.scanAttachments)) {
      if (++documents > config.maxDocuments) break
      if (deadline.passed()) return TIMED_OUT
      const report = await scanDocument(doc.html, {
        trackHiddenText: doc.attachmentName === null,
        preheaderMaxChars: config.preheaderMaxChars,
        smugglingMinBlobChars: config.smugglingMinBlobChars,
        maxDepth: config.maxDepth,
        deadline,
      })
      if (!report) return TIMED_OUT
      findings.push(...documentFindings(report, doc, config))
    }
    return ok(findings)
  },
})
