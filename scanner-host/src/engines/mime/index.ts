/** mime engine: reports what parsing found wrong with the message (malformed MIME, limits hit). */
import { z } from 'zod'
import { defineEngine, ok } from '../engine.ts'

export const mimeEngine = defineEngine({
  name: 'mime',
  description: 'Message structure: malformed MIME and parser limits (size, parts, nesting, time).',
  configSchema: z.object({}).strict(),
  async scan(message) {
    return ok(message.problems)
  },
})
