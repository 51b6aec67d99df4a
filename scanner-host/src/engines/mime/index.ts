/** mime engine: reports what parsing found wrong with the message (malformed MIME, limits hit). */
import { z } from 'zod'
import type { Finding } from '@moat/contract'
import { problem } from '../../message/problems.ts'
import { defineEngine, ok } from '../engine.ts'

export const mimeEngine = defineEngine({
  name: 'mime',
  description: 'Message structure: malformed MIME and parser limits (size, parts, nesting, time, HTML size).',
  configSchema: z.object({}).strict(),
  async scan(message, ctx) {
    const findings: Finding[] = [...message.problems]
    // The HTML and link engines read only the first maxHtmlBytes; say so once, here, so that what
    // lies beyond is never taken as checked.
    const html = message.html?.length ?? 0
    if (html > ctx.limits.maxHtmlBytes) {
      findings.push(
        problem(
          'LIMIT_HTML_SIZE',
          `The HTML body is ${mb(html)} MB; only its first ${mb(ctx.limits.maxHtmlBytes)} MB were checked for links, forms and hidden content.`,
          { sizeChars: html, limitChars: ctx.limits.maxHtmlBytes },
        ),
      )
    }
    return ok(findings)
  },
})

function mb(n: number): string {
  return (n / (1024 * 1024)).toFixed(1)
}
