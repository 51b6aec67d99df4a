/** Risky kinds of file, the extensions and declared types that name them, and how to speak of them. */
import { z } from 'zod'

export const CategorySchema = z.enum([
  'executable',
  'script',
  'shortcut',
  'web-shortcut',
  'disk-image',
  'html',
  'onenote',
  'macro-office',
])
export type Category = z.infer<typeof CategorySchema>

export type AttachCode =
  | 'ATTACH_EXECUTABLE'
  | 'ATTACH_SCRIPT'
  | 'ATTACH_SHORTCUT'
  | 'ATTACH_WEB_SHORTCUT'
  | 'ATTACH_DISK_IMAGE'
  | 'ATTACH_HTML'
  | 'ATTACH_ONENOTE'
  | 'ATTACH_MACRO_OFFICE'
  | 'ATTACH_DOUBLE_EXTENSION'
  | 'ATTACH_TYPE_MISMATCH'
  | 'ATTACH_ARCHIVE_BOMB'
  | 'ATTACH_ARCHIVE_ENCRYPTED'
  | 'ATTACH_ARCHIVE_TOO_DEEP'
  | 'ATTACH_ARCHIVE_CORRUPT'
  | 'ATTACH_ARCHIVE_UNREAD'

export const CATEGORY_INFO: Record<Category, { code: AttachCode; noun: string }> = {
  executable: { code: 'ATTACH_EXECUTABLE', noun: 'a program' },
  script: { code: 'ATTACH_SCRIPT', noun: 'a script' },
  shortcut: { code: 'ATTACH_SHORTCUT', noun: 'a shortcut' },
  'web-shortcut': { code: 'ATTACH_WEB_SHORTCUT', noun: 'a web shortcut' },
  'disk-image': { code: 'ATTACH_DISK_IMAGE', noun: 'a disk image' },
  html: { code: 'ATTACH_HTML', noun: 'a web page' },
  onenote: { code: 'ATTACH_ONENOTE', noun: 'a OneNote notebook' },
  'macro-office': { code: 'ATTACH_MACRO_OFFICE', noun: 'an Office document with macros' },
}

const byCategory: Record<Category, string> = {
  // Windows runs these on a double click (PE images, installers, Control Panel items, ClickOnce),
  // plus Java archives and macOS/Android packages, which run with one more click.
  executable:
    'exe scr com pif dll msi msp mst msix msixbundle appx appxbundle appinstaller cpl ocx sys drv gadget ' +
    'application xbap jar xll apk pkg mpkg',
  // Windows Script Host, PowerShell, cmd, mshta, MMC (GrimResource), registry and help files, Unix
  // shells and macOS Terminal/AppleScript files: all run code when opened.
  script:
    'js jse vbs vbe vb wsf wsh wsc sct ps1 psm1 psd1 ps1xml psc1 bat cmd hta msc reg inf chm jnlp ' +
    'sh bash zsh ksh csh command tool applescript scpt workflow',
  // Files whose whole content is a pointer to something to start or fetch (some leak NTLM hashes).
  shortcut: 'lnk scf library-ms searchconnector-ms settingcontent-ms desktop appref-ms',
  // Internet shortcuts open a web address; people still share them. One that points at a file or
  // a network share is a real shortcut (inspect.ts), as is one whose icon sits on a share (NTLM leak).
  'web-shortcut': 'url website webloc inetloc',
  // Windows mounts these on a double click, and files inside lose the mark-of-the-web.
  'disk-image': 'iso img udf vhd vhdx dmg',
  // `.svg` is not here: SVG counts as a web page only when it carries script (see html.ts).
  html: 'htm html xhtml xht shtml mht mhtml',
  onenote: 'one onepkg onetoc2',
  // The macro-enabled OOXML formats (ECMA-376 part 2 content types) and legacy add-ins.
  'macro-office': 'docm dotm xlsm xltm xlam xla pptm potm ppam ppsm sldm',
}

/** Extension (lower case, no dot) -> category. */
export const EXTENSION_CATEGORY: ReadonlyMap<string, Category> = new Map(
  (Object.entries(byCategory) as [Category, string][]).flatMap(([category, exts]) =>
    exts.split(' ').map((e) => [e, category] as const),
  ),
)

/** Declared Content-Types that name a risky kind whatever the file is called. */
export const DECLARED_TYPE_CATEGORY: ReadonlyMap<string, Category> = new Map<string, Category>([
  ['application/x-msdownload', 'executable'],
  ['application/x-msdos-program', 'executable'],
  ['application/x-dosexec', 'executable'],
  ['application/x-executable', 'executable'],
  ['application/vnd.microsoft.portable-executable', 'executable'],
  ['application/x-ms-installer', 'executable'],
  ['application/x-msi', 'executable'],
  ['application/java-archive', 'executable'],
  ['application/javascript', 'script'],
  ['application/x-javascript', 'script'],
  ['text/javascript', 'script'],
  ['application/x-vbscript', 'script'],
  ['text/vbscript', 'script'],
  ['application/hta', 'script'],
  ['application/x-sh', 'script'],
  ['application/x-bat', 'script'],
  ['application/x-ms-shortcut', 'shortcut'],
  ['application/x-iso9660-image', 'disk-image'],
  ['application/x-apple-diskimage', 'disk-image'],
  ['application/x-raw-disk-image', 'disk-image'],
  ['text/html', 'html'],
  ['application/xhtml+xml', 'html'],
  ['application/onenote', 'onenote'],
  ['application/msonenote', 'onenote'],
  ['application/vnd.ms-word.document.macroenabled.12', 'macro-office'],
  ['application/vnd.ms-word.template.macroenabled.12', 'macro-office'],
  ['application/vnd.ms-excel.sheet.macroenabled.12', 'macro-office'],
  ['application/vnd.ms-excel.template.macroenabled.12', 'macro-office'],
  ['application/vnd.ms-excel.addin.macroenabled.12', 'macro-office'],
  ['application/vnd.ms-powerpoint.presentation.macroenabled.12', 'macro-office'],
  ['application/vnd.ms-powerpoint.slideshow.macroenabled.12', 'macro-office'],
])

/** Zip-based formats whose entries are read as a nested archive when their first bytes are unknown. */
export const ZIP_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'zip jar apk xpi epub docx docm dotx dotm xlsx xlsm xltx xltm xlam pptx pptm potx potm ppsx ppsm ppam ' +
    'sldx sldm vsdx odt ods odp odg'
  ).split(' '),
)

/** Legacy Office (OLE2 / Compound File) formats, whose directory may hold a VBA project. */
export const CFB_EXTENSIONS: ReadonlySet<string> = new Set('doc dot xls xlt xla ppt pot pps'.split(' '))
