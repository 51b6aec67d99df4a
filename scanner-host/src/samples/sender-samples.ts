/** Crafted samples for the sender checks, lists, parsing limits and the test string. */
import type { Sample } from './sample.ts'
import { MOAT_TEST_STRING } from '../engines/test-string/index.ts'
import { buildMessage } from '../testing/build-message.ts'
import { nestedMessage } from '../testing/hostile-messages.ts'

export function senderSamples(): Sample[] {
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
