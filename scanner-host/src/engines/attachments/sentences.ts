/** Plain sentences for mailbox owners, one builder per kind of finding. */
import { CATEGORY_INFO, type Category } from './categories.ts'
import { displayName, type Disguise } from './filename.ts'

const SEPARATOR = ' > '

/** Archive paths as evidence shows them: `invoice.zip > docs/payload.exe`. */
export function joinPath(outer: string, inner: string): string {
  return `${outer}${SEPARATOR}${displayName(inner, 160)}`
}

/** The part of `path` inside the attachment, or null for the attachment itself. */
function innerPart(attachment: string, path: string): string | null {
  return path === attachment ? null : path.slice(attachment.length + SEPARATOR.length)
}

const CONSEQUENCE: Record<Category, string> = {
  executable: 'Opening it would run it on your computer.',
  script: 'Opening it runs its code on your computer.',
  shortcut: 'It can start programs or send your sign-in details to another computer.',
  'web-shortcut': 'It opens a web address that the message itself does not show.',
  'disk-image': 'Windows opens it like a folder, and programs inside it skip some security warnings.',
  html: 'It opens in your browser, where fake sign-in pages steal passwords.',
  onenote: 'Notebooks can hide programs behind harmless-looking buttons.',
  'macro-office': 'Macros can install malware once they are enabled.',
}

/** "The attachment a.exe is a program (a Windows program (PE)). Opening it…" */
export function categorySentence(attachment: string, path: string, category: Category, what: string | null): string {
  const { noun } = CATEGORY_INFO[category]
  const detail = what ? ` (${what})` : ''
  const inner = innerPart(attachment, path)
  const head = inner
    ? `The attachment ${attachment} contains ${noun}${detail}: ${inner}.`
    : `The attachment ${attachment} is ${noun}${detail}.`
  return `${head} ${CONSEQUENCE[category]}`
}

const TRICK: Record<Disguise['trick'], (d: Disguise) => string> = {
  'double extension': (d) => `its name ends in .${d.realExtension}, not .${d.visibleExtension}`,
  'padded extension': (d) => `spaces push its real ending, .${d.realExtension}, out of sight`,
  'right-to-left override': (d) => `hidden characters make its name display as "${displayName(d.displayedAs ?? '')}"`,
}

/** "The attachment invoice.pdf.exe is a program disguised as a PDF document: its name ends in .exe…" */
export function disguiseSentence(attachment: string, path: string, realNoun: string, disguise: Disguise): string {
  const inner = innerPart(attachment, path)
  const what = `${realNoun} disguised as ${disguise.decoyNoun}`
  const how = TRICK[disguise.trick](disguise)
  return inner
    ? `The attachment ${attachment} contains ${what} (${inner}): ${how}.`
    : `The attachment ${attachment} is ${what}: ${how}.`
}

export function mismatchSentence(
  attachment: string,
  path: string,
  claimed: string,
  actual: string,
  by: string,
): string {
  const inner = innerPart(attachment, path)
  const subject = inner ? `The file ${inner} in the attachment ${attachment}` : `The attachment ${attachment}`
  return `${subject} claims by its ${by} to be ${claimed} but is really ${actual}.`
}

export function bombSentence(attachment: string, reason: string): string {
  return `The attachment ${attachment} looks like an archive bomb: ${reason}. Opening it could fill the disk or freeze the computer.`
}

export function encryptedSentence(attachment: string, path: string, what: string): string {
  const inner = innerPart(attachment, path)
  const where = inner ? ` (${inner})` : ''
  return (
    `The attachment ${attachment} holds ${what}${where}, so its contents cannot be checked. ` +
    'Attackers put the password in the message to get malware past scanners.'
  )
}

export function tooDeepSentence(attachment: string, path: string, limit: number): string {
  const inner = innerPart(attachment, path) ?? attachment
  return (
    `The attachment ${attachment} has archives nested inside archives more than ${limit} levels deep (${inner}); ` +
    'the innermost ones were not checked.'
  )
}

export function corruptSentence(attachment: string, path: string, reason: string): string {
  const inner = innerPart(attachment, path)
  const where = inner ? ` The damaged part is ${inner}.` : ''
  return `The attachment ${attachment} is a damaged archive: ${reason}. It could not be fully checked.${where}`
}

/** "The files inside inner.zip, in the attachment outer.zip, could not be checked: …" */
export function unreadSentence(attachment: string, path: string, reason: string): string {
  const inner = innerPart(attachment, path)
  const where = inner ? `${inner}, in the attachment ${attachment},` : `the attachment ${attachment}`
  return `The files inside ${where} could not be checked: ${reason}. They may hold anything, programs included.`
}

const MiB = 1024 * 1024

/** "32 MB", or "64 KB" under a megabyte, so that small configured limits do not read as "0 MB". */
export function sizeText(bytes: number): string {
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}
