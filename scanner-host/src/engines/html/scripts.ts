/** Script in HTML: `<script>` elements, inline event handlers and javascript: URLs. */

export interface ScriptReport {
  scripts: number
  eventHandlers: number
  javascriptUrls: number
  /** Distinct handler attributes (`onload`, `onerror`), at most MAX_LISTED. */
  handlerNames: string[]
  /** Hosts of external scripts (`<script src>`), at most MAX_LISTED. */
  scriptHosts: string[]
}

const MAX_LISTED = 10

/** Attributes a browser follows as a URL, where `javascript:` runs code. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'xlink:href',
  'background',
  'poster',
  'lowsrc',
  'dynsrc',
  'codebase',
])

/**
 * True for script `type`s a browser executes. JSON-LD (`application/ld+json`, used by Gmail's
 * schema.org markup) and templates are data, not code.
 */
export function isExecutableScript(attribs: Record<string, string>): boolean {
  const type = (attribs['type'] ?? attribs['language'] ?? '').split(';')[0]!.trim().toLowerCase()
  return type === '' || type === 'module' || /(?:java|ecma|j|vb)script/.test(type)
}

/** The code of a `javascript:` (or `vbscript:`) URL, or null. Browsers skip controls and spaces in the scheme. */
export function javascriptUrlCode(value: string): string | null {
  if (value.length < 11) return null
  let head = ''
  for (let i = 0; i < value.length && i < 64 && head.length < 11; i++) {
    if (value.charCodeAt(i) > 0x20) head += value[i]!.toLowerCase()
  }
  if (!head.startsWith('javascript:') && !head.startsWith('vbscript:')) return null
  return value.slice(value.indexOf(':') + 1)
}

export class ScriptTracker {
  private scripts = 0
  private eventHandlers = 0
  private javascriptUrls = 0
  private readonly handlerNames = new Set<string>()
  private readonly scriptHosts = new Set<string>()

  /** Counts what the element carries and passes any inline code to `onCode`. */
  element(tag: string, attribs: Record<string, string>, onCode: (code: string) => void): void {
    if (tag === 'script' && isExecutableScript(attribs)) {
      this.scripts++
      const src = attribs['src']
      if (src !== undefined && this.scriptHosts.size < MAX_LISTED) this.scriptHosts.add(hostOf(src))
    }
    for (const name in attribs) {
      const value = attribs[name]!
      if (name.charCodeAt(0) === 0x6f /* o */ && name.charCodeAt(1) === 0x6e /* n */ && /^on[a-z]{3,}$/.test(name)) {
        this.eventHandlers++
        if (this.handlerNames.size < MAX_LISTED) this.handlerNames.add(name)
        onCode(value)
      } else if (URL_ATTRIBUTES.has(name)) {
        const code = javascriptUrlCode(value)
        if (code !== null) {
          this.javascriptUrls++
          onCode(code)
        }
      }
    }
  }

  report(): ScriptReport {
    return {
      scripts: this.scripts,
      eventHandlers: this.eventHandlers,
      javascriptUrls: this.javascriptUrls,
      handlerNames: [...this.handlerNames].sort(),
      scriptHosts: [...this.scriptHosts].sort(),
    }
  }
}

/** The host of an absolute URL, or the value itself (cut) when it is relative or unreadable. */
export function hostOf(url: string): string {
  const trimmed = url.trim()
  try {
    return new URL(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed).hostname || trimmed.slice(0, 100)
  } catch {
    return trimmed.slice(0, 100)
  }
}
