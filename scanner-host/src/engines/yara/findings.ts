/** Turns rule matches into findings: one per rule however many parts it matched, naming the parts and strings. */
import type { EvidenceValue, Finding, Severity } from '@moat/contract'
import type { CompiledFolder } from './compile-folder.ts'
import type { RuleMatch } from './library.ts'
import { readMeta, type RuleMeta } from './meta.ts'

/** Every rule match is one code: rules are told apart by name in the evidence (see README in rules/yara). */
export const YARA_MATCH = 'YARA_MATCH'

const MAX_PARTS_LISTED = 10
const MAX_PARTS_IN_TEXT = 3
const MAX_STRINGS_LISTED = 5
const MAX_TEXT_CHARS = 500
const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical']

interface Hit {
  rule: string
  file: string | null
  meta: RuleMeta
  tags: string[]
  parts: string[]
  strings: Set<string>
}

/** Collects matches part by part; the same rule in two folders stays two findings. */
export class MatchCollector {
  private readonly hits = new Map<string, Hit>()

  add(folder: CompiledFolder, part: string, matches: readonly RuleMatch[]): void {
    for (const match of matches) {
      const key = `${folder.dir}\0${match.ruleIdentifier}`
      let hit = this.hits.get(key)
      if (!hit) {
        hit = {
          rule: match.ruleIdentifier,
          file: folder.fileOf.get(match.ruleIdentifier) ?? null,
          meta: readMeta(match.meta),
          tags: match.tags,
          parts: [],
          strings: new Set(),
        }
        this.hits.set(key, hit)
      }
      if (!hit.parts.includes(part)) hit.parts.push(part)
      for (const m of match.matches) if (hit.strings.size < MAX_STRINGS_LISTED) hit.strings.add(m.identifier)
    }
  }

  /** Most severe first, then highest score, then by rule name: the order does not depend on part order. */
  findings(): Finding[] {
    return [...this.hits.values()]
      .sort(
        (a, b) =>
          SEVERITY_ORDER.indexOf(b.meta.severity) - SEVERITY_ORDER.indexOf(a.meta.severity) ||
          (b.meta.score ?? 0) - (a.meta.score ?? 0) ||
          a.rule.localeCompare(b.rule),
      )
      .map(toFinding)
  }
}

function toFinding(hit: Hit): Finding {
  const evidence: Record<string, EvidenceValue> = {
    rule: hit.rule,
    parts: hit.parts.slice(0, MAX_PARTS_LISTED),
    partCount: hit.parts.length,
    strings: [...hit.strings],
  }
  if (hit.file) evidence.file = hit.file
  if (hit.tags.length > 0) evidence.tags = hit.tags.slice(0, 10)
  if (hit.meta.reference) evidence.reference = hit.meta.reference
  return {
    code: YARA_MATCH,
    severity: hit.meta.severity,
    ...(hit.meta.score !== undefined ? { score: hit.meta.score } : {}),
    text: findingText(hit),
    evidence,
  }
}

/** The rule's own description, then where it matched: `... Found in: invoice.html, HTML body.` */
function findingText(hit: Hit): string {
  const said = hit.meta.description ?? `The message matches the YARA rule ${hit.rule}.`
  const sentence = /[.!?]$/.test(said) ? said : `${said}.`
  const shown = hit.parts.slice(0, MAX_PARTS_IN_TEXT).join(', ')
  const more = hit.parts.length > MAX_PARTS_IN_TEXT ? ` and ${hit.parts.length - MAX_PARTS_IN_TEXT} more` : ''
  const text = `${sentence} Found in: ${shown}${more}.`
  if (text.length <= MAX_TEXT_CHARS) return text
  return sentence.length <= MAX_TEXT_CHARS ? sentence : `${sentence.slice(0, MAX_TEXT_CHARS - 1)}…`
}
