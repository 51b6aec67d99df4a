/** mime engine: reports what parsing found wrong with the message (malformed MIME, limits hit). */
import { z } from 'zod'
import type { Finding } from '@moat/contract'
import { problem } from '../../message/problems.ts'
import { defineEngine, ok } from '../engine.ts'

export const mimeEngine = defineEngine({
  name: 'mime',
  description: 'Message structure: malformed MIME and parser limits (size, parts, nesting, time, body size).',
  configSchema: z.object({}).strict(),
  async scan(message, ctx) {
    const findings: Finding[] = [...message.problems]
    // The HTML and link engines read only the first maxHtmlBytes of each body; say so once, here,
    // so that what lies beyond is never taken as checked.
    const limit = ctx.limits.maxHtmlBytes
    for (const [part, body] of [
      ['HTML', message.html],
      ['text', message.text],
    ] as const) {
      const size = body?.length ?? 0
      if (size <= limit) continue
      findings.push(
        problem(
          'LIMIT_BODY_SIZE',
          `The ${part} body is ${mb(size)} MB; only its first ${mb(limit)} MB were checked for links, forms and hidden content.`,
          { part, sizeChars: size, limitChars: limit },
        ),
      )
    }
    return ok(findings)
  },
})

function mb(n: number): string {
  return (n / (1024 * 1024)).toFixed(1)
}
