/** Crafted samples for the attachments engine. */
import type { Sample } from './sample.ts'
import { buildZip, nestedZip } from '../engines/attachments/testing/zip-writer.ts'
import { docm, isoImage, lnkShortcut, oneNoteSection, peProgram } from '../engines/attachments/testing/samples.ts'
import { buildMessage } from '../testing/build-message.ts'

/** Judged under examples/policy.yaml: the organization is northwind.com, its bank contoso-bank.com. */
const outsider = 'Orders Desk <orders@supplier-mail.net>'

export function attachmentSamples(): Sample[] {
  return [
    {
      name: 'attach-double-extension',
      about: 'a program disguised as a PDF',
      raw: buildMessage({
        from: outsider,
        subject: 'Invoice 4471',
        text: 'Please find the invoice attached.',
        attachments: [{ filename: 'invoice_4471.pdf.exe', contentType: 'application/pdf', content: peProgram() }],
      }),
      codes: ['ATTACH_EXECUTABLE', 'ATTACH_DOUBLE_EXTENSION'],
      action: 'quarantine',
    },
    {
      name: 'attach-type-mismatch',
      about: 'a program named and labelled as a PDF',
      raw: buildMessage({
        from: outsider,
        subject: 'Statement',
        text: 'Your statement.',
        attachments: [{ filename: 'statement.pdf', contentType: 'application/pdf', content: peProgram() }],
      }),
      codes: ['ATTACH_TYPE_MISMATCH', 'ATTACH_EXECUTABLE'],
      action: 'quarantine',
    },
    {
      name: 'attach-script-in-zip',
      about: 'a JavaScript dropper inside a zip',
      raw: buildMessage({
        from: outsider,
        subject: 'Scanned documents',
        text: 'Scans attached.',
        attachments: [
          {
            filename: 'scans.zip',
            contentType: 'application/zip',
            content: buildZip([{ name: 'scan_0412.js', data: 'var s=new ActiveXObject("WScript.Shell");' }]),
          },
        ],
      }),
      codes: ['ATTACH_SCRIPT'],
      action: 'quarantine',
    },
    {
      name: 'attach-shortcut',
      about: 'a Windows shortcut',
      raw: buildMessage({
        from: outsider,
        subject: 'Document',
        text: 'Open the document.',
        attachments: [{ filename: 'Document.lnk', content: lnkShortcut() }],
      }),
      codes: ['ATTACH_SHORTCUT'],
      action: 'quarantine',
    },
    {
      name: 'attach-disk-image',
      about: 'an ISO disk image',
      raw: buildMessage({
        from: outsider,
        subject: 'Delivery',
        text: 'Delivery note attached.',
        attachments: [{ filename: 'delivery_note.iso', content: isoImage() }],
      }),
      codes: ['ATTACH_DISK_IMAGE'],
      action: 'flag',
    },
    {
      name: 'attach-onenote',
      about: 'a OneNote lure',
      raw: buildMessage({
        from: outsider,
        subject: 'Shared notes',
        text: 'Double-click to view.',
        attachments: [{ filename: 'Notes.one', content: oneNoteSection() }],
      }),
      codes: ['ATTACH_ONENOTE'],
      action: 'flag',
    },
    {
      name: 'attach-macro',
      about: 'a Word document with macros',
      raw: buildMessage({
        from: outsider,
        subject: 'Order form',
        text: 'Enable editing to see the order.',
        attachments: [{ filename: 'order.docm', content: docm() }],
      }),
      codes: ['ATTACH_MACRO_OFFICE'],
      action: 'flag',
    },
    {
      name: 'attach-zip-bomb',
      about: 'a zip that inflates 50 MB of zeros from a few KB',
      raw: buildMessage({
        from: outsider,
        subject: 'Archive',
        text: 'See archive.',
        attachments: [
          { filename: 'data.zip', content: buildZip([{ name: 'zeros.bin', data: Buffer.alloc(50 * 1024 * 1024) }]) },
        ],
      }),
      codes: ['ATTACH_ARCHIVE_BOMB'],
      action: 'quarantine',
    },
    {
      name: 'attach-nested-zip',
      about: 'a program inside five nested zips',
      raw: buildMessage({
        from: outsider,
        subject: 'Files',
        text: 'Files attached.',
        attachments: [{ filename: 'files.zip', content: nestedZip(5, { name: 'setup.exe', data: peProgram() }) }],
      }),
      codes: ['ATTACH_ARCHIVE_TOO_DEEP'],
      action: 'quarantine',
    },
    {
      name: 'attach-encrypted-zip',
      about: 'a password-protected zip with the password in the body',
      raw: buildMessage({
        from: outsider,
        subject: 'Secure invoice',
        text: 'Password: 4471',
        attachments: [
          {
            filename: 'invoice.zip',
            content: buildZip([{ name: 'invoice.pdf', data: 'x'.repeat(2000), encrypted: true }]),
          },
        ],
      }),
      codes: ['ATTACH_ARCHIVE_ENCRYPTED'],
      action: 'allow',
    },
    {
      name: 'attach-html',
      about: 'a web page attachment',
      raw: buildMessage({
        from: outsider,
        subject: 'Voicemail',
        text: 'You have a new voicemail.',
        attachments: [
          {
            filename: 'voicemail.html',
            contentType: 'text/html',
            content: '<html><body><p>Play message</p></body></html>',
          },
        ],
      }),
      codes: ['ATTACH_HTML'],
      action: 'allow',
    },
  ]
}
