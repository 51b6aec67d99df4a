/** The checks of one file, an attachment or an archive entry: risky type, disguise, mismatch, contents. */
import type { EvidenceValue } from '@moat/contract'
import type { Opened } from './archive.ts'
import { reportUnopened, unread } from './archive-findings.ts'
import { CATEGORY_INFO, CFB_EXTENSIONS, DECLARED_TYPE_CATEGORY, ZIP_EXTENSIONS, type Category } from './categories.ts'
import { inspectCfb } from './cfb.ts'
import { findDisguise, realExtension } from './filename.ts'
import { gzipListing, sevenZipListing } from './gzip-7z.ts'
import { svgHasScript } from './html.ts'
import { sniff, type MagicKind, type Sniffed } from './magic.ts'
import { findMismatch } from './mismatch.ts'
import { rarListing } from './rar.ts'
import type { Scope } from './scope.ts'
import * as say from './sentences.ts'
import { tarListing } from './tar.ts'
import { walkListing } from './walk.ts'
import { zipListing } from './zip/listing.ts'

export interface FileRef {
  /** Where the file is, as findings show it. */
  path: string
  /** Its own name (attachment file name or entry name), or null. */
  name: string | null
  /** The sender's Content-Type, for attachments only. */
  declaredType: string | null
  /** The first bytes (the whole content for attachments), or null when unreadable. */
  head: Buffer | null
  /** True when `head` is the whole file. */
  complete: boolean
  /** Nesting: 0 for an attachment, 1 for an entry of its archive, and so on. */
  depth: number
  /** The entry shares its data with one checked before it: that data is not opened again. */
  copy?: boolean
  open(): Opened
}

type Container = 'zip' | 'tar' | 'rar' | '7z' | 'gzip' | 'cfb'
const CONTAINER_KINDS: Partial<Record<MagicKind, Container>> = {
  zip: 'zip',
  tar: 'tar',
  rar: 'rar',
  '7z': '7z',
  gzip: 'gzip',
  cfb: 'cfb',
}

/** Runs every check on `file`, adding what it finds to the scope's report. */
export function inspectFile(file: FileRef, scope: Scope): void {
  const extension = file.name ? realExtension(file.name) : null
  const sniffed = file.head ? sniff(file.head, file.complete) : null
  for (const [category, { what, evidence }] of categoriesOf(file, extension, sniffed, scope)) {
    scope.report.add({
      code: CATEGORY_INFO[category].code,
      path: file.path,
      text: say.categorySentence(scope.attachment, file.path, category, what),
      evidence,
    })
  }
  if (file.name) checkDisguise(file, file.name, scope)
  const mismatch = findMismatch(extension, file.declaredType, sniffed)
  if (mismatch && sniffed) {
    scope.report.add({
      code: 'ATTACH_TYPE_MISMATCH',
      path: file.path,
      text: say.mismatchSentence(scope.attachment, file.path, mismatch.claimed, sniffed.label, mismatch.claimedBy),
      evidence: { claimedBy: mismatch.claimedBy, claimedType: mismatch.claimed, detectedType: sniffed.label },
    })
  }
  const container = sniffed ? (CONTAINER_KINDS[sniffed.kind] ?? null) : containerByName(extension)
  // A VBA project part is reported with its document (walk.ts); opened alone it would count twice.
  if (container === 'cfb' && /(^|\/)vbaproject\.bin$/i.test(file.name ?? '')) return
  if (container && !file.copy) openContainer(file, container, scope)
}

interface Reasons {
  /** The first reason, for the sentence: "its name ends in .exe". */
  what: string
  evidence: Record<string, EvidenceValue> & { detectedBy: string[] }
}

/** Each risky category the file falls in, by name, content or declared type. */
function categoriesOf(file: FileRef, extension: string | null, sniffed: Sniffed | null, scope: Scope) {
  const found = new Map<Category, Reasons>()
  const add = (category: Category, by: string, what: string, extra: Record<string, EvidenceValue>) => {
    if (category === 'html' && !scope.config.htmlAttachments) return
    const current = found.get(category)
    if (!current) found.set(category, { what, evidence: { ...extra, detectedBy: [by] } })
    else current.evidence = { ...extra, ...current.evidence, detectedBy: [...current.evidence.detectedBy, by] }
  }
  let byName = scope.categoryOf(extension)
  if (byName === 'web-shortcut' && !onlyWebLinks(file, extension)) byName = 'shortcut'
  if (byName) add(byName, 'name', `its name ends in .${extension}`, { extension: extension! })
  if (sniffed?.category)
    add(sniffed.category, 'content', `its content is ${sniffed.label}`, { detectedType: sniffed.label })
  // Markup matters when nothing else decides how the file opens: no extension, or a web one.
  const weblike = extension === null || scope.categoryOf(extension) === 'html' || extension === 'svg'
  if (sniffed?.kind === 'html' && weblike)
    add('html', 'content', 'its content is a web page', { detectedType: sniffed.label })
  if ((sniffed?.kind === 'svg' || extension === 'svg') && weblike && file.head && svgHasScript(file.head)) {
    add('html', 'content', 'it is an SVG image with script', { detectedType: 'an SVG image with script' })
  }
  // A declared type decides how a file opens only when its name has no extension.
  const declared = file.declaredType?.split(';')[0]?.trim()
  const byType = declared && extension === null ? DECLARED_TYPE_CATEGORY.get(declared) : undefined
  if (byType) add(byType, 'declared type', `it is labelled ${declared}`, { declaredType: declared! })
  return found
}

/**
 * A web shortcut only when the whole file reads as text and every target is an http(s) URL: an
 * Internet Shortcut (`[InternetShortcut]` INI text) whose URL or icon is a file: URL, a UNC path or
 * another scheme (search-ms:) runs or fetches from another computer, the trick of CVE-2016-3353
 * and CVE-2024-21412. A cut or unreadable file could hide such a target, so it is a shortcut too.
 */
function onlyWebLinks(file: FileRef, extension: string | null): boolean {
  if (!file.head || !file.complete) return false
  const text = decodeText(file.head)
  if (text === null || text.includes('\0')) return false
  const web = /^https?:\/\//i
  if (extension === 'webloc' || extension === 'inetloc') {
    // An XML property list: <key>URL</key><string>http://…</string>. Binary plists do not decode.
    const strings = [...text.matchAll(/<string>([^<]*)<\/string>/gi)].map((m) => m[1]!.trim())
    return strings.length > 0 && strings.every((value) => web.test(value))
  }
  const values = [...text.matchAll(/^[ \t]*(url|iconfile)[ \t]*=(.*)$/gim)]
  const urls = values.filter((m) => m[1]!.toLowerCase() === 'url')
  return urls.length > 0 && values.every((m) => web.test(m[2]!.trim()))
}

/** Text in UTF-8 (BOM optional) or UTF-16 with its BOM, or null when the bytes are not valid text. */
function decodeText(bytes: Buffer): string | null {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes)
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      if (bytes.length % 2) return null
      return new TextDecoder('utf-16le', { fatal: true }).decode(Buffer.from(bytes).swap16())
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

function checkDisguise(file: FileRef, name: string, scope: Scope): void {
  const disguise = findDisguise(name, (extension) => scope.categoryOf(extension) !== null)
  if (!disguise) return
  const category = scope.categoryOf(disguise.realExtension)
  const realNoun = category ? CATEGORY_INFO[category].noun : `a .${disguise.realExtension} file`
  const evidence: Record<string, EvidenceValue> = {
    trick: disguise.trick,
    visibleExtension: disguise.visibleExtension,
    realExtension: disguise.realExtension,
  }
  if (disguise.displayedAs) evidence.displayedAs = disguise.displayedAs
  scope.report.add({
    code: 'ATTACH_DOUBLE_EXTENSION',
    path: file.path,
    text: say.disguiseSentence(scope.attachment, file.path, realNoun, disguise),
    evidence,
  })
}

/** Content unknown (not sniffed): the name decides whether it is worth opening. */
function containerByName(extension: string | null): Container | null {
  if (!extension) return null
  if (ZIP_EXTENSIONS.has(extension)) return 'zip'
  if (CFB_EXTENSIONS.has(extension)) return 'cfb'
  if (extension === 'tar') return 'tar'
  if (extension === 'gz' || extension === 'tgz') return 'gzip'
  if (extension === 'rar') return 'rar'
  if (extension === '7z') return '7z'
  return null
}

function openContainer(file: FileRef, container: Container, scope: Scope): void {
  const { limits, report, budget } = scope
  if (file.depth > limits.maxArchiveDepth) {
    report.add({
      code: 'ATTACH_ARCHIVE_TOO_DEEP',
      path: file.path,
      text: say.tooDeepSentence(scope.attachment, file.path, limits.maxArchiveDepth),
      evidence: { depth: file.depth, limit: limits.maxArchiveDepth },
    })
    return
  }
  // Opening a nested archive inflates it: the deadline is asked first, and a bomb already
  // reported condemns the attachment, so its nested archives (often one inner zip many times) stay shut.
  if (file.depth > 0 && scope.deadline.passed()) budget.stopped = true
  if (budget.stopped || (file.depth > 0 && budget.bombed)) return
  if (file.depth === 0 && !file.complete) {
    const limit = say.sizeText(limits.maxAttachmentBytes)
    unread(scope, file.path, 'cut', `it is larger than the ${limit} the scanner reads, so only its start was read`, {
      format: container,
      limitBytes: limits.maxAttachmentBytes,
    })
  }
  const opened = file.open()
  if (!opened.ok) {
    reportUnopened(file.path, opened, scope)
    return
  }
  const bytes = opened.bytes
  const complete = file.depth > 0 || file.complete
  const room = limits.maxArchiveEntries - budget.entries + 1
  switch (container) {
    case 'cfb':
      return checkCfb(file, bytes, scope)
    case 'zip':
      return walkListing(zipListing(bytes, room, scope.inflation), file, scope, inspectFile)
    case 'tar':
      return walkListing(tarListing(bytes, room), file, scope, inspectFile)
    case 'rar':
      return walkListing(rarListing(bytes, room), file, scope, inspectFile)
    case '7z':
      return walkListing(sevenZipListing(bytes), file, scope, inspectFile)
    case 'gzip':
      return walkListing(gzipListing(bytes, file.name ?? '', complete, scope.inflation), file, scope, inspectFile)
  }
}

/** Legacy Office documents: a VBA project in the directory, or an encrypted OOXML package. */
function checkCfb(file: FileRef, bytes: Buffer, scope: Scope): void {
  const cfb = inspectCfb(bytes)
  if (cfb?.vbaEntry) {
    const what = `its content holds a VBA macro project named ${cfb.vbaEntry}`
    scope.report.add({
      code: 'ATTACH_MACRO_OFFICE',
      path: file.path,
      text: say.categorySentence(scope.attachment, file.path, 'macro-office', what),
      evidence: { detectedBy: ['content'], macroEntry: cfb.vbaEntry, detectedType: 'an OLE2 compound document' },
    })
  }
  if (cfb?.encrypted) {
    scope.report.add({
      code: 'ATTACH_ARCHIVE_ENCRYPTED',
      path: file.path,
      text: say.encryptedSentence(scope.attachment, file.path, 'a password-protected Office document'),
      evidence: { detectedType: 'an encrypted Office document' },
    })
  }
}
