/** test-string engine: Moat's own GTUBE/EICAR-like string, so anyone can test an installation. */
import { z } from 'zod'
import { defineEngine, ok } from '../engine.ts'

/**
 * Put this line in a message (body, subject or a text attachment) and Moat deletes it, whatever
 * the lists say. Like GTUBE it is plain ASCII, so it survives any transfer encoding once decoded.
 */
export const MOAT_TEST_STRING = 'MOAT-TEST-STRING*5B7C1E0A*DELETE-THIS-MESSAGE*MOAT-TEST-STRING'

const needle = Buffer.from(MOAT_TEST_STRING)

export const testStringEngine = defineEngine({
  name: 'test-string',
  description: "Moat's end-to-end test string: a message carrying it is always deleted.",
  configSchema: z.object({}).strict(),
  async scan(message) {
    const where = locate(message)
    if (!where) return ok([])
    return ok([
      {
        code: 'MOAT_TEST_STRING',
        severity: 'critical',
        text: "This message contains Moat's test string, used to check that protection works end to end.",
        evidence: { foundIn: where },
      },
    ])
  },
})

type Located = 'raw message' | 'subject' | 'text body' | 'HTML body' | `attachment ${string}`

/** Raw bytes first (cheap, covers 7bit bodies), then decoded places (base64, quoted-printable). */
function locate(message: Parameters<typeof testStringEngine.scan>[0]): Located | null {
  if (message.raw.includes(needle)) return 'raw message'
  if (message.subject?.includes(MOAT_TEST_STRING)) return 'subject'
  if (message.text?.includes(MOAT_TEST_STRING)) return 'text body'
  if (message.html?.includes(MOAT_TEST_STRING)) return 'HTML body'
  const attachment = message.attachments.find((a) => a.content.includes(needle))
  return attachment ? `attachment ${attachment.filename ?? attachment.partId ?? '(unnamed)'}` : null
}
