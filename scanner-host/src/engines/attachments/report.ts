/** The findings of one attachment: observations of it and its archive entries, one finding per code. */
import { FINDING_CODES, type EvidenceValue, type Finding } from '@moat/contract'
import type { AttachCode } from './categories.ts'

export interface Observation {
  code: AttachCode
  /** Where it was seen: the attachment name, or `invoice.zip > docs/payload.exe`. */
  path: string
  /** A whole sentence for the mailbox owner. */
  text: string
  evidence: Record<string, EvidenceValue>
}

interface Merged {
  first: Observation
  evidence: Record<string, EvidenceValue>
  paths: string[]
}

/** Paths listed in evidence; the count says how many there were in all. */
const MAX_PATHS = 10
const MAX_TEXT = 500

export class AttachmentReport {
  private readonly base: Record<string, EvidenceValue>
  private readonly byCode = new Map<string, Merged>()

  /** `base` is evidence every finding of the attachment carries: its name, declared type, size. */
  constructor(base: Record<string, EvidenceValue>) {
    this.base = base
  }

  /** Adds an observation; the same code at the same path merges into the evidence already there. */
  add(observation: Observation): void {
    const merged = this.byCode.get(observation.code)
    if (!merged) {
      this.byCode.set(observation.code, {
        first: observation,
        evidence: { ...observation.evidence },
        paths: [observation.path],
      })
      return
    }
    const samePath = merged.paths.includes(observation.path)
    if (!samePath) merged.paths.push(observation.path)
    mergeEvidence(merged.evidence, observation.evidence, samePath)
  }

  findings(): Finding[] {
    return [...this.byCode.values()].map(({ first, evidence, paths }) => {
      const more = paths.length - 1
      const text =
        more > 0
          ? `${first.text} ${more} more of the same kind ${more === 1 ? 'was' : 'were'} found in it.`
          : first.text
      const all: Record<string, EvidenceValue> = { ...this.base, path: first.path, ...evidence }
      if (more > 0) {
        all.count = paths.length
        all.paths = paths.slice(0, MAX_PATHS)
      }
      return {
        code: first.code,
        severity: FINDING_CODES[first.code].severity,
        text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text,
        evidence: all,
      }
    })
  }
}

/**
 * Lists of strings (how it was detected, bomb reasons) are joined without repeats. Other values of
 * the same path fill keys still missing; those of another path would mix two files, so they stay out.
 */
function mergeEvidence(
  into: Record<string, EvidenceValue>,
  from: Record<string, EvidenceValue>,
  samePath: boolean,
): void {
  for (const [key, value] of Object.entries(from)) {
    const current = into[key]
    if (current === undefined) {
      if (samePath) into[key] = value
    } else if (Array.isArray(current) && Array.isArray(value)) into[key] = [...new Set([...current, ...value])]
  }
}
