/** One streaming pass over an HTML document, feeding every tracker from the same parser events. */
import type { Handler } from 'htmlparser2'
import type { Deadline } from '../engine.ts'
import { BoundedParser, feed } from './bounded-parser.ts'
import { FormTracker, type FormReport } from './forms.ts'
import { HiddenTextTracker, type HiddenTextReport } from './hidden-text.ts'
import { isExecutableScript, ScriptTracker, type ScriptReport } from './scripts.ts'
import { SmugglingTracker, type SmugglingReport } from './smuggling.ts'

export interface DocumentOptions {
  /** Hidden text is looked for in message bodies only: web pages hide menus and dialogs all the time. */
  trackHiddenText: boolean
  preheaderMaxChars: number
  smugglingMinBlobChars: number
  maxDepth: number
  deadline: Deadline
}

export interface DocumentReport {
  smuggling: SmugglingReport
  hiddenText: HiddenTextReport | null
  forms: FormReport[]
  scripts: ScriptReport
}

/** Text of the raw-text element being read (`<script>` or `<style>`), gathered until it closes. */
interface RawText {
  tag: 'script' | 'style'
  executable: boolean
  parts: string[]
}

/** Scans one document; null when the deadline passed before the end. Never throws on hostile markup. */
export async function scanDocument(html: string, options: DocumentOptions): Promise<DocumentReport | null> {
  const hidden = options.trackHiddenText ? new HiddenTextTracker(options) : null
  const smuggling = new SmugglingTracker(options.smugglingMinBlobChars)
  const forms = new FormTracker()
  const scripts = new ScriptTracker()
  const onCode = (code: string) => smuggling.code(code)
  let depth = 0
  let raw: RawText | null = null

  const handler: Partial<Handler> = {
    onopentag(name, attribs) {
      depth++
      smuggling.boundary()
      hidden?.open(name, attribs)
      scripts.element(name, attribs, onCode)
      smuggling.element(name, attribs)
      forms.element(name, attribs)
      if (name === 'script') raw = { tag: 'script', executable: isExecutableScript(attribs), parts: [] }
      else if (name === 'style') raw = { tag: 'style', executable: false, parts: [] }
    },
    ontext(text) {
      if (raw) {
        raw.parts.push(text)
        return
      }
      hidden?.text(text)
      smuggling.text(text)
    },
    onclosetag(name) {
      depth--
      smuggling.boundary()
      if (raw && raw.tag === name) {
        const content = raw.parts.join('')
        if (raw.tag === 'style') hidden?.stylesheet(content)
        else if (raw.executable) smuggling.code(content)
        else smuggling.text(content)
        smuggling.boundary()
        raw = null
      }
      hidden?.close()
      forms.close(name)
    },
  }

  const parser = new BoundedParser(handler, () => depth, options.maxDepth)
  if (!(await feed(parser, html, options.deadline))) return null
  return {
    smuggling: smuggling.report(),
    hiddenText: hidden?.report() ?? null,
    forms: forms.report(),
    scripts: scripts.report(),
  }
}
