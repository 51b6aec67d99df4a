/** MIME tokens of every part (SpamBayes): content types, charsets and transfer encodings, read from the raw header lines. */
import type { TokenBag } from './token-bag.ts'

/**
 * Bytes of the raw message searched. Part headers of ordinary mail sit well inside it; past it
 * are attachment bodies, which say nothing here.
 */
const MAX_RAW_BYTES = 64 * 1024
/** Tokens of each kind kept per message. */
const MAX_EACH = 20

const CONTENT_TYPE = /^content-type:[ \t]*([a-z0-9!#$&^_.+-]{1,40}\/[a-z0-9!#$&^_.+-]{1,60})/gim
const CHARSET = /charset[ \t]*=[ \t]*"?([a-z0-9_.:+-]{1,40})/gi
const ENCODING = /^content-transfer-encoding:[ \t]*([a-z0-9-]{1,30})/gim

/**
 * The ParsedMessage keeps the decoded text, not which parts carried it: a message in
 * `ks_c_5601-1987` or `big5`, or an HTML part sent as `quoted-printable`, is told apart here.
 */
export function addMimeTokens(raw: Buffer, bag: TokenBag): void {
  const head = raw.toString('latin1', 0, Math.min(raw.length, MAX_RAW_BYTES))
  add(bag, head, CONTENT_TYPE, 'mime:')
  add(bag, head, CHARSET, 'charset:')
  add(bag, head, ENCODING, 'encoding:')
}

function add(bag: TokenBag, text: string, pattern: RegExp, prefix: string): void {
  let n = 0
  for (const match of text.matchAll(pattern)) {
    bag.add(prefix + match[1]!.toLowerCase())
    if (++n >= MAX_EACH) return
  }
}
