/** Walks an archive listing: bomb, password and damage checks, then every entry like a file of its own. */
import type { ArchiveEntry, ArchiveListing } from './archive.ts'
import { bomb, unread } from './archive-findings.ts'
import { displayName } from './filename.ts'
import type { FileRef } from './inspect.ts'
import type { Scope } from './scope.ts'
import * as say from './sentences.ts'

type InspectFile = (file: FileRef, scope: Scope) => void

/** Heads already read, by where their data starts: directory entries sharing data are read once. */
type Seen = Map<number, Buffer | null>

/**
 * Checks the archive `container` was read into, then hands each entry to `inspect` (passed in,
 * so that nested archives come back here without a module cycle). Stops at the entry budget or
 * the deadline; a bomb is reported and its entries' names are still checked, but no archive in
 * it is opened any more (inspect.ts).
 */
export function walkListing(listing: ArchiveListing, container: FileRef, scope: Scope, inspect: InspectFile): void {
  const { limits, report, attachment } = scope
  const path = container.path
  if (listing.damage && !scope.truncated) {
    report.add({
      code: 'ATTACH_ARCHIVE_CORRUPT',
      path,
      text: say.corruptSentence(attachment, path, listing.damage),
      evidence: { format: listing.format, reason: listing.damage },
    })
  }
  if (listing.unread) {
    unread(scope, path, 'unsupported', listing.unread, { format: listing.format, reason: listing.unread })
  }
  if (listing.encrypted) {
    report.add({
      code: 'ATTACH_ARCHIVE_ENCRYPTED',
      path,
      text: say.encryptedSentence(attachment, path, `a password-protected ${listing.format.replace(/^an? /, '')}`),
      evidence: { format: listing.format, namesHidden: true },
    })
  }
  if (listing.overlap) {
    const [first, second] = listing.overlap
    bomb(scope, path, 'its files overlap each other, a trick that makes small archives expand enormously', {
      reasons: ['overlapping entries'],
      overlapping: [displayName(first), displayName(second)],
    })
  }
  if (listing.claimedEntries > limits.maxArchiveEntries || listing.more) {
    tooManyEntries(scope, path, Math.max(listing.claimedEntries, listing.entries.length))
  }
  const pack = packageKind(listing)
  const macros = pack ? documentMacros(listing, pack) : null
  if (macros) {
    report.add({
      code: 'ATTACH_MACRO_OFFICE',
      path,
      text: say.categorySentence(attachment, path, 'macro-office', `it contains ${displayName(macros)}`),
      evidence: { detectedBy: ['content'], macroEntry: displayName(macros) },
    })
  }
  const seen: Seen = new Map()
  for (const entry of listing.entries) {
    if (scope.deadline.passed()) scope.budget.stopped = true
    if (scope.budget.stopped) return
    if (++scope.budget.entries > limits.maxArchiveEntries) {
      tooManyEntries(scope, path, scope.budget.entries)
      scope.budget.stopped = true
      return
    }
    checkEntry(entry, container, scope, inspect, { inPackage: pack !== null, seen })
  }
}

/** `inPackage`: the archive is an Office document, whose XML parts are not worth sniffing. */
function checkEntry(
  entry: ArchiveEntry,
  container: FileRef,
  scope: Scope,
  inspect: InspectFile,
  { inPackage, seen }: { inPackage: boolean; seen: Seen },
): void {
  const { limits, config, budget } = scope
  const path = say.joinPath(container.path, entry.name)
  budget.expanded += Math.max(0, entry.uncompressedSize)
  if (budget.expanded > limits.maxArchiveExpandedBytes && !budget.reported.has('expanded')) {
    budget.reported.add('expanded')
    bomb(scope, path, `its contents claim to expand to ${megabytes(budget.expanded)} MB`, {
      reasons: ['total expanded size'],
      expandedBytes: budget.expanded,
      limitBytes: limits.maxArchiveExpandedBytes,
    })
  }
  const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : Infinity
  if (entry.uncompressedSize >= config.ratioMinBytes && entry.uncompressedSize > 0 && ratio > limits.maxArchiveRatio) {
    const times = Number.isFinite(ratio) ? `${Math.round(ratio)} times` : 'infinitely'
    bomb(scope, path, `${displayName(entry.name)} expands ${times} its compressed size`, {
      reasons: ['expansion ratio'],
      compressedBytes: entry.compressedSize,
      expandedBytes: entry.uncompressedSize,
      ratio: Number.isFinite(ratio) ? Math.round(ratio) : -1,
      limitRatio: limits.maxArchiveRatio,
    })
  }
  if (entry.encrypted) {
    scope.report.add({
      code: 'ATTACH_ARCHIVE_ENCRYPTED',
      path,
      text: say.encryptedSentence(scope.attachment, path, 'a password-protected file'),
      evidence: { encryptedEntry: path },
    })
  }
  if (entry.isDirectory) return
  // A copy's data was sniffed (and, if an archive, opened) under its first name already.
  const at = entry.dataAt
  const copy = at !== undefined && seen.has(at)
  // Sniffing costs a zlib stream per entry (~15 us): it is spent where a disguise could hide.
  const documentPart = inPackage && /\.(xml|rels)$/i.test(entry.name)
  const wanted = !copy && !entry.encrypted && !documentPart
  const sniffable = wanted && budget.sniffed < config.maxSniffedEntries
  if (sniffable) budget.sniffed++
  const refused = scope.inflation.refused ?? 0
  const head = copy ? (seen.get(at) ?? null) : sniffable ? entry.head() : null
  if (wanted && !sniffable) unchecked(scope, path, 'too many entries to check')
  else if ((scope.inflation.refused ?? 0) > refused) unchecked(scope, path, 'budget spent')
  if (!copy && at !== undefined) seen.set(at, head)
  inspect(
    {
      path,
      name: entry.name,
      declaredType: null,
      head,
      complete: head !== null && head.length >= entry.uncompressedSize,
      depth: container.depth + 1,
      copy,
      open: () => entry.open(limits.maxNestedArchiveBytes),
    },
    scope,
  )
}

type Package = 'ooxml' | 'odf'

/** OOXML packages list `[Content_Types].xml` (ECMA-376 part 2 s10.1.2); ODF ones start with `mimetype`. */
function packageKind(listing: ArchiveListing): Package | null {
  if (listing.format !== 'zip archive') return null
  for (const entry of listing.entries) {
    if (entry.name.toLowerCase() === '[content_types].xml') return 'ooxml'
    if (entry.name === 'mimetype') return 'odf'
  }
  return null
}

/**
 * OOXML keeps VBA in `vbaProject.bin` and Excel 4.0 macros in `xl/macrosheets/`; OpenDocument
 * keeps Basic modules under `Basic/<library>/` next to its script-lb/lc index files.
 */
function documentMacros(listing: ArchiveListing, pack: Package): string | null {
  for (const { name } of listing.entries) {
    if (pack === 'ooxml' && /(^|\/)vbaproject\.bin$/i.test(name)) return name
    if (pack === 'ooxml' && /^xl\/macrosheets\/[^/]+\.xml$/i.test(name)) return name
    if (pack === 'odf' && /^basic\/[^/]+\/(?!script-l[bc]\.xml$)[^/]+\.xml$/i.test(name)) return name
  }
  return null
}

function tooManyEntries(scope: Scope, path: string, count: number): void {
  if (scope.budget.reported.has('entries')) return
  scope.budget.reported.add('entries')
  bomb(
    scope,
    path,
    `it holds ${count} or more files, more than the ${scope.limits.maxArchiveEntries} the scanner reads`,
    {
      reasons: ['entry count'],
      entries: count,
      limit: scope.limits.maxArchiveEntries,
    },
  )
}

/**
 * An entry whose content was not sniffed because a budget ran out could be a program under any
 * name: reported unread, once per attachment, rather than passed as clean.
 */
function unchecked(scope: Scope, path: string, why: 'budget spent' | 'too many entries to check'): void {
  if (scope.budget.reported.has('unchecked')) return
  scope.budget.reported.add('unchecked')
  if (why === 'budget spent') {
    unread(
      scope,
      path,
      why,
      'the message holds more compressed content than the scanner unpacks for one message, so some files were not looked at',
      { limitBytes: scope.inflation.limit },
    )
  } else {
    unread(
      scope,
      path,
      why,
      `it holds more than the ${scope.config.maxSniffedEntries} files whose content the scanner checks`,
      {
        limit: scope.config.maxSniffedEntries,
      },
    )
  }
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(0)
}
