/** parseMessage: raw RFC 5322 bytes -> ParsedMessage (mailparser), within the limits of limits.ts. */
import { createHash } from 'node:crypto'
import { MailParser, type AttachmentStream, type MessageText } from 'mailparser'
import type { Finding } from '@moat/contract'
import { DEFAULT_LIMITS, type Limits } from '../limits.ts'
import type { Attachment, HeaderField, MimeStructure, ParsedMessage } from './parsed-message.ts'
import { addresses, notMailReason, parseDate, stringHeader, unfoldHeaderLine } from './headers.ts'
import { headBlock, measureTree } from './mime-structure.ts'
import { problem } from './problems.ts'

/** Bytes handed to the parser per write, so the parse deadline can fire between slices. */
const WRITE_SLICE = 256 * 1024

/** Time for reading the header block alone, after the full parse failed or ran out of time. */
const HEAD_PARSE_MS = 1000

/** Options that skip work no engine uses (text<->HTML conversion, link rewriting). */
const PARSER_OPTIONS = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
  keepCidLinks: true,
} as const

interface Collected {
  headers: Map<string, unknown> | null
  headerLines: HeaderField[]
  text: string | null
  html: string | null
  attachments: Attachment[]
  parserError: Error | null
  timedOut: boolean
  tree: unknown
}

/**
 * Parses raw message bytes. Never throws for bad input: whatever could be read is returned, and
 * what went wrong is listed in `problems` as findings (MIME_MALFORMED, LIMIT_*).
 *
 * @example
 * const message = await parseMessage(readFileSync('mail.eml'))
 * message.problems // [] for a well-formed message
 */
export async function parseMessage(raw: Buffer, limits: Limits = DEFAULT_LIMITS): Promise<ParsedMessage> {
  const sha256 = createHash('sha256').update(raw).digest('hex')
  const problems: Finding[] = []

  let input = raw
  if (raw.length > limits.maxMessageBytes) {
    problems.push(
      problem(
        'LIMIT_SIZE',
        `The message is ${mib(raw.length)} MB, more than the ${mib(limits.maxMessageBytes)} MB the scanner reads in full; only its headers were read.`,
        {
          sizeBytes: raw.length,
          limitBytes: limits.maxMessageBytes,
        },
      ),
    )
    input = headBlock(raw, limits.maxHeaderBytes)
  }

  const collected = await runParser(input, limits, limits.maxParseMs)
  if (collected.timedOut) {
    problems.push(
      problem(
        'LIMIT_PARSE_TIME',
        `Reading the message took longer than ${limits.maxParseMs} ms; only part of it was read.`,
        {
          limitMs: limits.maxParseMs,
        },
      ),
    )
  }
  if (collected.parserError) problems.push(parserErrorFinding(collected.parserError, limits))

  let headers = collected.headers
  let headerLines = collected.headerLines
  if (!headers) {
    // The parser stopped before the top-level header block was complete: read the head alone,
    // with a time budget of its own, so a verdict can still name the message.
    const head = await runParser(headBlock(raw, limits.maxHeaderBytes), limits, HEAD_PARSE_MS)
    headers = head.headers
    headerLines = head.headerLines
  }

  const notMail = notMailReason(headerLines)
  if (notMail && !problems.some((p) => p.code === 'MIME_MALFORMED')) {
    problems.push(
      problem('MIME_MALFORMED', 'This does not look like an email message; it was read only as far as possible.', {
        reason: notMail,
        headerFields: headerLines.length,
      }),
    )
  }

  const structure: MimeStructure = measureTree(collected.tree)
  if (structure.depth > limits.maxDepth) {
    problems.push(
      problem(
        'LIMIT_NESTING',
        `Parts of the message are nested ${structure.depth} levels deep; the scanner reads at most ${limits.maxDepth}.`,
        {
          depth: structure.depth,
          limit: limits.maxDepth,
        },
      ),
    )
  }
  if (structure.parts > limits.maxParts && !problems.some((p) => p.code === 'LIMIT_PARTS')) {
    problems.push(partsFinding(structure.parts, limits))
  }
  for (const attachment of collected.attachments) {
    if (attachment.decodeFailed) {
      problems.push(
        problem(
          'MIME_MALFORMED',
          `The attachment ${attachment.filename ?? '(unnamed)'} is damaged: it could not be decoded to the end.`,
          {
            filename: attachment.filename ?? '',
            decodedBytes: attachment.size,
          },
        ),
      )
    }
    if (attachment.truncated) {
      problems.push(
        problem(
          'LIMIT_ATTACHMENT_SIZE',
          `The attachment ${attachment.filename ?? '(unnamed)'} is ${mib(attachment.size)} MB; only its first ${mib(limits.maxAttachmentBytes)} MB were scanned.`,
          {
            filename: attachment.filename ?? '',
            sizeBytes: attachment.size,
          },
        ),
      )
    }
  }

  const from = addresses(headers?.get('from'))
  return {
    raw,
    sha256,
    headers: headerLines,
    messageId: stringHeader(headers?.get('message-id')),
    subject: stringHeader(headers?.get('subject')),
    date: parseDate(headerLines),
    from: from[0] ?? null,
    fromAll: from,
    replyTo: addresses(headers?.get('reply-to')),
    to: addresses(headers?.get('to')),
    cc: addresses(headers?.get('cc')),
    text: collected.text,
    html: collected.html,
    attachments: collected.attachments,
    structure,
    problems,
  }
}

/** Runs mailparser over `input`, collecting what it emits, under the parse deadline. */
async function runParser(input: Buffer, limits: Limits, deadlineMs: number): Promise<Collected> {
  const collected: Collected = {
    headers: null,
    headerLines: [],
    text: null,
    html: null,
    attachments: [],
    parserError: null,
    timedOut: false,
    tree: null,
  }
  // mailsplit treats 0 as "default", so a configured 0 becomes 1 and is enforced afterwards.
  const parser = new MailParser({
    ...PARSER_OPTIONS,
    maxHeadSize: Math.max(1, limits.maxHeaderBytes),
    maxChildNodes: Math.max(1, limits.maxParts),
  } as ConstructorParameters<typeof MailParser>[0])

  let finished = false
  let timer: NodeJS.Timeout | undefined
  const done = new Promise<void>((resolve) => {
    const finish = () => {
      finished = true
      clearTimeout(timer)
      resolve()
    }
    parser.on('headers', (headers: Map<string, unknown>) => {
      collected.headers = headers
    })
    parser.on('headerLines', (lines: { key: string; line: string }[]) => {
      collected.headerLines = lines.map(unfoldHeaderLine)
    })
    parser.on('data', (data: AttachmentStream | MessageText) => {
      if (data.type === 'text') {
        collected.text = typeof data.text === 'string' ? data.text : null
        collected.html = typeof data.html === 'string' ? data.html : null
        return
      }
      collectAttachment(data, limits, collected.attachments)
    })
    parser.on('error', (err: Error) => {
      collected.parserError = err
      finish()
    })
    parser.on('end', finish)
    timer = setTimeout(() => {
      collected.timedOut = true
      finish()
    }, deadlineMs)
  })

  for (let offset = 0; offset < input.length && !finished; offset += WRITE_SLICE) {
    const slice = input.subarray(offset, offset + WRITE_SLICE)
    if (!parser.write(slice)) {
      await Promise.race([new Promise((resolve) => parser.once('drain', resolve)), done])
    }
  }
  if (!finished) parser.end()
  await done
  collected.tree = (parser as unknown as { tree?: unknown }).tree ?? null
  if (collected.timedOut) parser.destroy()
  return collected
}

/** Reads an attachment stream, keeping at most `maxAttachmentBytes` but counting every byte. */
function collectAttachment(data: AttachmentStream, limits: Limits, into: Attachment[]): void {
  const chunks: Buffer[] = []
  let kept = 0
  let size = 0
  const attachment: Attachment = {
    partId: data.partId ?? null,
    filename: data.filename ?? null,
    declaredType: (data.contentType || 'application/octet-stream').toLowerCase(),
    disposition: data.contentDisposition ?? null,
    size: 0,
    content: Buffer.alloc(0),
    truncated: false,
    isMessage: data.contentType === 'message/rfc822',
  }
  into.push(attachment)
  data.content.on('data', (chunk: Buffer) => {
    size += chunk.length
    const room = limits.maxAttachmentBytes - kept
    if (room > 0) {
      const piece = chunk.length <= room ? chunk : chunk.subarray(0, room)
      chunks.push(piece)
      kept += piece.length
    }
  })
  let finished = false
  const finish = () => {
    if (finished) return
    finished = true
    attachment.size = size
    attachment.content = Buffer.concat(chunks, kept)
    attachment.truncated = size > kept
    data.release?.()
  }
  data.content.on('end', finish)
  // A broken transfer encoding surfaces here; keep what was decoded, and let the parser go on.
  data.content.on('error', () => {
    attachment.decodeFailed = true
    finish()
  })
}

function parserErrorFinding(err: Error & { code?: string }, limits: Limits): Finding {
  const message = err.message || String(err)
  // mailsplit tags both of its limits with code EMAXLEN; the message tells which one was hit.
  if (err.code === 'EMAXLEN' && /header size/i.test(message)) {
    return problem(
      'LIMIT_HEADER_SIZE',
      `A header block is larger than ${mib(limits.maxHeaderBytes)} MB; the rest of the message was not read.`,
      {
        limitBytes: limits.maxHeaderBytes,
      },
    )
  }
  if (err.code === 'EMAXLEN' && /child nodes/i.test(message)) return partsFinding(limits.maxParts + 1, limits)
  return problem('MIME_MALFORMED', 'The message structure is broken; it was read only as far as possible.', {
    parserError: message.slice(0, 200),
  })
}

function partsFinding(parts: number, limits: Limits): Finding {
  return problem('LIMIT_PARTS', `The message has more than ${limits.maxParts} parts; only the first ones were read.`, {
    partsSeen: parts,
    limit: limits.maxParts,
  })
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1)
}
