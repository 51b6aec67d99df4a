/** Type mismatch: a file whose content is something riskier than its name or label claims. */
import type { Family, Sniffed } from './magic.ts'

type Claim = 'pdf' | 'image' | 'media' | 'text' | 'rtf' | 'office-zip' | 'office-cfb' | 'zip' | 'archive'

const CLAIM_NOUN: Record<Claim, string> = {
  pdf: 'a PDF document',
  image: 'a picture',
  media: 'an audio or video file',
  text: 'a text file',
  rtf: 'a Rich Text document',
  'office-zip': 'an Office document',
  'office-cfb': 'an Office document',
  zip: 'a zip archive',
  archive: 'an archive',
}

const claimsOf = (spec: Partial<Record<Claim, string>>): Map<string, Claim> =>
  new Map(
    (Object.entries(spec) as [Claim, string][]).flatMap(([c, keys]) => keys.split(' ').map((k) => [k, c] as const)),
  )

const EXTENSION_CLAIM = claimsOf({
  pdf: 'pdf',
  image: 'jpg jpeg jpe png gif bmp tif tiff webp heic ico',
  media: 'mp3 mp4 m4a wav wma wmv avi mov mkv ogg flac',
  text: 'txt csv log',
  rtf: 'rtf',
  'office-zip': 'docx dotx xlsx xltx pptx potx ppsx odt ods odp',
  'office-cfb': 'doc dot xls xlt ppt pot pps',
  zip: 'zip',
  archive: 'rar 7z gz tgz tar bz2 xz cab',
})

/**
 * Only specific labels count: application/octet-stream and its cousins say "some bytes" and are
 * what many clients send for everything, so they claim nothing.
 */
const DECLARED_CLAIM = claimsOf({
  pdf: 'application/pdf application/x-pdf',
  text: 'text/plain text/csv text/html',
  rtf: 'application/rtf text/rtf',
  'office-cfb': 'application/msword application/vnd.ms-excel application/vnd.ms-powerpoint',
  zip: 'application/zip application/x-zip-compressed application/x-zip',
  archive: 'application/x-rar-compressed application/vnd.rar application/x-7z-compressed application/gzip',
})

/** Families a file may turn out to be that are worth a finding when they contradict the claim. */
const RISKY_FAMILIES: ReadonlySet<Family> = new Set([
  'executable',
  'shortcut',
  'onenote',
  'disk-image',
  'zip',
  'archive',
  'cfb',
  'html',
])

/**
 * Risky families each claim tolerates because ordinary software produces them: encrypted OOXML is
 * a Compound File; Word and Excel open .doc/.xls saved as HTML, RTF or OOXML; archivers open any
 * archive whatever its extension; text labels are applied loosely, so only programs and their
 * kin contradict them.
 */
const TOLERATED: Record<Claim, ReadonlySet<Family>> = {
  pdf: new Set(),
  image: new Set(),
  media: new Set(),
  text: new Set(['zip', 'archive', 'cfb', 'html']),
  rtf: new Set(['cfb', 'html']),
  'office-zip': new Set(['zip', 'cfb']),
  'office-cfb': new Set(['cfb', 'zip', 'html']),
  zip: new Set(['zip', 'archive']),
  archive: new Set(['zip', 'archive']),
}

export interface Mismatch {
  claimedBy: 'name' | 'declared type'
  /** "a PDF document" */
  claimed: string
}

/** The first claim (name, then declared type) that the content contradicts, or null. */
export function findMismatch(
  extension: string | null,
  declaredType: string | null,
  sniffed: Sniffed | null,
): Mismatch | null {
  if (!sniffed || !RISKY_FAMILIES.has(sniffed.family)) return null
  const byName = extension ? EXTENSION_CLAIM.get(extension) : undefined
  if (byName && !TOLERATED[byName].has(sniffed.family)) return { claimedBy: 'name', claimed: CLAIM_NOUN[byName] }
  const byType = declaredType ? declaredClaim(declaredType) : undefined
  if (byType && !TOLERATED[byType].has(sniffed.family))
    return { claimedBy: 'declared type', claimed: CLAIM_NOUN[byType] }
  return null
}

function declaredClaim(declaredType: string): Claim | undefined {
  const type = declaredType.split(';')[0]!.trim().toLowerCase()
  const exact = DECLARED_CLAIM.get(type)
  if (exact) return exact
  if (type.startsWith('image/') && type !== 'image/svg+xml') return 'image'
  if (type.startsWith('audio/') || type.startsWith('video/')) return 'media'
  if (type.startsWith('application/vnd.openxmlformats-officedocument.')) return 'office-zip'
  if (type.startsWith('application/vnd.oasis.opendocument.')) return 'office-zip'
  return undefined
}
