/** htmlparser2's streaming Parser with a cap on open elements, fed in slices so a deadline can stop it. */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { Parser, type Handler, type ParserOptions } from 'htmlparser2'
import type { Deadline } from '../engine.ts'

/**
 * Characters per write. Between writes the deadline is asked (a timer cannot interrupt a write,
 * and an abort signal only fires while the event loop runs) and the event loop gets a turn.
 */
const SLICE_CHARS = 256 * 1024

/**
 * Raw-text elements stay real elements at any depth: the tokenizer switches to raw text on their
 * name whatever the parser decides, so treating a deep `<script>` as empty would leak its code
 * into ordinary text.
 */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext'])

/**
 * The Parser keeps open elements in an array it shifts and searches on every tag, which costs
 * O(depth) per tag: 100,000 nested `<div>` take seconds. Past `maxDepth` open elements, new ones
 * are treated as void (opened and closed at once), so the stack, and the work per tag, stay bounded.
 * `depth()` must return the number of elements the handler has seen opened and not closed.
 */
export class BoundedParser extends Parser {
  private readonly depth: () => number
  private readonly maxDepth: number
  private readonly keep: ((name: string) => boolean) | undefined
  /** Set while an opening tag is read; the void decision must be the same at its start and end. */
  private opening = false
  private deep: boolean | null = null

  /** `keep` names further elements to keep real past `maxDepth`; it must not let nesting grow unbounded. */
  constructor(
    handler: Partial<Handler>,
    depth: () => number,
    maxDepth: number,
    options: { parser?: ParserOptions; keep?: (name: string) => boolean } = {},
  ) {
    super(handler, { decodeEntities: true, ...options.parser })
    this.depth = depth
    this.maxDepth = maxDepth
    this.keep = options.keep
  }

  override onopentagname(start: number, endIndex: number): void {
    this.opening = true
    this.deep = null
    super.onopentagname(start, endIndex)
  }

  override onopentagend(endIndex: number): void {
    super.onopentagend(endIndex)
    this.opening = false
  }

  override onselfclosingtag(endIndex: number): void {
    super.onselfclosingtag(endIndex)
    this.opening = false
  }

  override onclosetag(start: number, endIndex: number): void {
    this.opening = false
    super.onclosetag(start, endIndex)
  }

  protected override isVoidElement(name: string): boolean {
    if (super.isVoidElement(name)) return true
    if (!this.opening) return false
    this.deep ??= this.depth() >= this.maxDepth && !RAW_TEXT.has(name) && !(this.keep?.(name) ?? false)
    return this.deep
  }
}

/** Feeds `html` to the parser; false when the deadline passed first (the parser is then left unfinished). */
export async function feed(parser: Parser, html: string, deadline: Deadline): Promise<boolean> {
  for (let at = 0; at < html.length; at += SLICE_CHARS) {
    if (at > 0) await yieldToEventLoop()
    if (deadline.passed()) return false
    parser.write(html.length <= SLICE_CHARS ? html : html.slice(at, at + SLICE_CHARS))
  }
  parser.end()
  return true
}
