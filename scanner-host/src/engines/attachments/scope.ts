/** What the checks of one attachment share: its report, the limits, the budgets of its archives. */
import type { Limits } from '../../limits.ts'
import type { Deadline } from '../engine.ts'
import type { Inflation } from './archive.ts'
import { EXTENSION_CATEGORY, type Category } from './categories.ts'
import type { AttachmentsConfig } from './config.ts'
import type { AttachmentReport } from './report.ts'

export interface Budget {
  /** Archive entries listed so far, all levels together (limits.maxArchiveEntries). */
  entries: number
  /** Sizes claimed by those entries (limits.maxArchiveExpandedBytes). */
  expanded: number
  /** Entries whose first bytes were decompressed (config.maxSniffedEntries). */
  sniffed: number
  /** Once-per-attachment bomb reasons already reported ('entries', 'expanded'). */
  reported: Set<string>
  /**
   * Set once a bomb is reported: the attachment is already condemned, and its nested archives
   * (copies of one inner zip, in the usual bomb) would only spend time, so none more is opened.
   */
  bombed: boolean
  /** Set when a budget ran out or the deadline passed: nothing more is read. */
  stopped: boolean
}

export interface Scope {
  report: AttachmentReport
  /** The attachment's name as findings show it. */
  attachment: string
  config: AttachmentsConfig
  limits: Limits
  /** Asked in every loop over entries and before every inflate: a timer cannot stop synchronous work. */
  deadline: Deadline
  /** Bytes inflated for the whole message, shared by all its attachments. */
  inflation: Inflation
  /** The attachment was cut to maxAttachmentBytes: damage may be the cut, so it is not reported. */
  truncated: boolean
  budget: Budget
  /** The risky category an extension names under this configuration. */
  categoryOf: CategoryLookup
}

type CategoryLookup = (extension: string | null) => Category | null

/** Built once per configuration object (the policy's), not once per message. */
const lookups = new WeakMap<AttachmentsConfig, CategoryLookup>()

/** The extension table under a configuration: built-ins minus ignored, plus extras, HTML optional. */
export function extensionCategories(config: AttachmentsConfig): CategoryLookup {
  const cached = lookups.get(config)
  if (cached) return cached
  const normalise = (e: string) => e.replace(/^\./, '').toLowerCase()
  const table = new Map(EXTENSION_CATEGORY)
  for (const ignored of config.ignoredExtensions) table.delete(normalise(ignored))
  for (const [extension, category] of Object.entries(config.extraRiskyExtensions))
    table.set(normalise(extension), category)
  const lookup: CategoryLookup = (extension) => {
    const category = extension ? table.get(extension) : undefined
    if (!category || (category === 'html' && !config.htmlAttachments)) return null
    return category
  }
  lookups.set(config, lookup)
  return lookup
}

export function newBudget(): Budget {
  return { entries: 0, expanded: 0, sniffed: 0, reported: new Set(), bombed: false, stopped: false }
}
