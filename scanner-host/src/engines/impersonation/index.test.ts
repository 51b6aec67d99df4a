import { describe, expect, it } from 'vitest'
import { codesOf, findingsOf } from '../../testing/engine-harness.ts'
import { impersonationEngine } from './index.ts'

const ORG = {
  domains: ['mycompany.com'],
  protectedPeople: [{ name: 'Jane Doe', addresses: ['jane.doe@mycompany.com', 'jane@janedoe.example'] }],
}

const encoded = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`

describe('impersonation engine', () => {
  describe('IMPERSONATION_DISPLAY_NAME_ADDRESS', () => {
    it('reports an address of another domain in the display name', async () => {
      const findings = await findingsOf(impersonationEngine, { from: '"ceo@mycompany.com" <x@evil.example>' })
      expect(codesOf(findings)).toEqual(['IMPERSONATION_DISPLAY_NAME_ADDRESS'])
      expect(findings[0]?.text).toBe(
        'The sender\'s name shows "ceo@mycompany.com", but the message comes from x@evil.example.',
      )
      expect(findings[0]?.evidence).toMatchObject({ shownDomain: 'mycompany.com', fromDomain: 'evil.example' })
    })

    it('reports a bare brand domain in the display name', async () => {
      const findings = await findingsOf(impersonationEngine, {
        from: '"PayPal.com Service" <service@secure-mail.example>',
      })
      expect(codesOf(findings)).toEqual(['IMPERSONATION_DISPLAY_NAME_ADDRESS'])
    })

    it('ignores a bare site name that is neither protected nor a brand (newsletters sent by a service)', async () => {
      const newsletter = { from: '"CNET News.com Daily Dispatch" <Online#3.1@newsletter.online.com>' }
      expect(await findingsOf(impersonationEngine, newsletter)).toEqual([])
      const ownSite = { from: '"MyCompany.com Payroll" <payroll@outsourced-hr.example>' }
      expect(codesOf(await findingsOf(impersonationEngine, ownSite, { organization: ORG }))).toEqual([
        'IMPERSONATION_DISPLAY_NAME_ADDRESS',
      ])
    })

    it('ignores addresses at the same registered domain and plain names', async () => {
      expect(await findingsOf(impersonationEngine, { from: '"bob@example.org" <bob@mail.example.org>' })).toEqual([])
      expect(await findingsOf(impersonationEngine, { from: 'Amazon.com <shipment-tracking@amazon.com>' })).toEqual([])
      expect(await findingsOf(impersonationEngine, { from: 'Support <help@vendor.example>' })).toEqual([])
    })
  })

  describe('IMPERSONATION_PROTECTED_PERSON', () => {
    it('reports a protected name on an outside address', async () => {
      const findings = await findingsOf(
        impersonationEngine,
        { from: 'Jane Doe <jane.doe.ceo@gmail.com>' },
        { organization: ORG },
      )
      expect(codesOf(findings)).toEqual(['IMPERSONATION_PROTECTED_PERSON'])
      expect(findings[0]?.text).toBe(
        'The sender calls themselves "Jane Doe", the name of Jane Doe in your organization, but writes from jane.doe.ceo@gmail.com, which is outside it.',
      )
      expect(findings[0]?.evidence).toMatchObject({ protectedPerson: 'Jane Doe', freeMail: true })
    })

    it('matches "Last, First", other case, accents and look-alike letters', async () => {
      for (const from of [
        '"Doe, Jane" <x@evil.example>',
        '"JANE DOÉ" <x@evil.example>',
        `${encoded('J\u0430ne Doe')} <x@evil.example>`,
      ]) {
        expect(codesOf(await findingsOf(impersonationEngine, { from }, { organization: ORG }))).toEqual([
          'IMPERSONATION_PROTECTED_PERSON',
        ])
      }
    })

    it("accepts the person's own addresses and mail from inside the organization", async () => {
      expect(
        await findingsOf(impersonationEngine, { from: 'Jane Doe <jane@janedoe.example>' }, { organization: ORG }),
      ).toEqual([])
      expect(
        await findingsOf(impersonationEngine, { from: 'Jane Doe <jane.doe@MyCompany.com>' }, { organization: ORG }),
      ).toEqual([])
      expect(
        await findingsOf(impersonationEngine, { from: 'Jane Doe <jdoe@eu.mycompany.com>' }, { organization: ORG }),
      ).toEqual([])
    })

    it('ignores other names', async () => {
      expect(
        await findingsOf(impersonationEngine, { from: 'Support <x@evil.example>' }, { organization: ORG }),
      ).toEqual([])
      expect(
        await findingsOf(impersonationEngine, { from: 'Jane Smith <x@evil.example>' }, { organization: ORG }),
      ).toEqual([])
    })
  })

  describe('IMPERSONATION_REPLY_TO_MISMATCH', () => {
    it('reports a free-mail Reply-To behind a company From as high', async () => {
      const findings = await findingsOf(impersonationEngine, {
        from: 'Bob <bob@supplier.example>',
        replyTo: 'bob.supplier@gmail.com',
      })
      expect(codesOf(findings)).toEqual(['IMPERSONATION_REPLY_TO_MISMATCH'])
      expect(findings[0]?.severity).toBe('high')
      expect(findings[0]?.text).toBe(
        "Replies would go to the free-mail address bob.supplier@gmail.com, not to the sender's domain supplier.example.",
      )
    })

    it('reports another company domain as medium, and other Reply-Tos on list mail as low', async () => {
      const plain = await findingsOf(impersonationEngine, {
        from: 'bob@supplier.example',
        replyTo: 'billing@other.example',
      })
      expect(plain.map((f) => f.severity)).toEqual(['medium'])
      const list = await findingsOf(impersonationEngine, {
        from: 'someone@gmail.com',
        replyTo: 'someone@university.example',
        headers: { 'List-Id': '<discuss.lists.project.example>' },
      })
      expect(list.map((f) => [f.code, f.severity, f.evidence.mailingList])).toEqual([
        ['IMPERSONATION_REPLY_TO_MISMATCH', 'low', true],
      ])
    })

    it('ignores a Reply-To naming the mailing list the message came through (RFC 2369)', async () => {
      const headers = { 'Mailing-List': 'list zzzteana@yahoogroups.com; contact zzzteana-owner@yahoogroups.com' }
      expect(
        await findingsOf(impersonationEngine, {
          from: 'Steve <steve@cursor.example>',
          replyTo: 'zzzteana@yahoogroups.com',
          headers,
        }),
      ).toEqual([])
      const listId = { 'List-Id': 'Project discussion <discuss.lists.project.example>' }
      expect(
        await findingsOf(impersonationEngine, {
          from: 'a@gmail.com',
          replyTo: 'discuss@lists.project.example',
          headers: listId,
        }),
      ).toEqual([])
    })

    it('does not let other list headers or partial names excuse a Reply-To', async () => {
      // List-Unsubscribe names no list address: the gmail.com in it must not hide a BEC Reply-To.
      const bec = await findingsOf(impersonationEngine, {
        from: 'Bob <bob@supplier.example>',
        replyTo: 'bob.supplier@gmail.com',
        headers: { 'List-Unsubscribe': '<mailto:unsubscribe@gmail.com>' },
      })
      expect(bec.map((f) => [f.code, f.severity])).toEqual([['IMPERSONATION_REPLY_TO_MISMATCH', 'high']])
      // ample.com is inside example.com, but is another site.
      const partial = await findingsOf(impersonationEngine, {
        from: 'news@shop.example',
        replyTo: 'x@ample.com',
        headers: { 'List-Id': 'News <news.example.com>' },
      })
      expect(partial.map((f) => [f.code, f.severity])).toEqual([['IMPERSONATION_REPLY_TO_MISMATCH', 'low']])
    })

    it('excuses only the List-Post address, or the List-Id domain without List-Post, never free mail', async () => {
      const message = (replyTo: string, headers: Record<string, string>) =>
        findingsOf(impersonationEngine, { from: 'someone@university.example', replyTo, headers })
      const post = {
        'List-Post': '<mailto:discuss@lists.project.example> (moderated)',
        'List-Id': '<discuss.lists.project.example>',
      }
      expect(await message('discuss@lists.project.example', post)).toEqual([])
      expect(await message('DISCUSS@Lists.Project.Example', post)).toEqual([])
      expect(codesOf(await message('admin@lists.project.example', post))).toEqual(['IMPERSONATION_REPLY_TO_MISMATCH'])
      const idOnly = { 'List-Id': '<discuss.lists.project.example>' }
      expect(await message('anyone@lists.project.example', idOnly)).toEqual([])
      expect(codesOf(await message('anyone@project.example', idOnly))).toEqual(['IMPERSONATION_REPLY_TO_MISMATCH'])
      expect(codesOf(await message('x@lists.project.example', { 'List-Id': '<x.localhost>' }))).toEqual([
        'IMPERSONATION_REPLY_TO_MISMATCH',
      ])
      const forged = await message('ceo.private@gmail.com', {
        'List-Post': '<mailto:ceo.private@gmail.com>',
        'List-Id': '<ceo.gmail.com>',
      })
      expect(forged.map((f) => [f.code, f.severity])).toEqual([['IMPERSONATION_REPLY_TO_MISMATCH', 'high']])
    })

    it('reports an internal From with an outside Reply-To', async () => {
      const findings = await findingsOf(
        impersonationEngine,
        { from: 'ceo@mycompany.com', replyTo: 'ceo@mycompany-mail.example' },
        { organization: ORG },
      )
      expect(codesOf(findings)).toEqual(['IMPERSONATION_LOOKALIKE_DOMAIN', 'IMPERSONATION_REPLY_TO_MISMATCH'])
    })

    it('ignores Reply-To at the same registered domain or inside the organization', async () => {
      expect(
        await findingsOf(impersonationEngine, { from: 'news@news.example.com', replyTo: 'support@example.com' }),
      ).toEqual([])
      expect(
        await findingsOf(
          impersonationEngine,
          { from: 'a@mycompany.com', replyTo: 'b@sub.mycompany.com' },
          { organization: ORG },
        ),
      ).toEqual([])
      expect(
        await findingsOf(
          impersonationEngine,
          { from: 'x@vendor.example', replyTo: 'buyer@mycompany.com' },
          { organization: ORG },
        ),
      ).toEqual([])
    })
  })

  describe('IMPERSONATION_LOOKALIKE_DOMAIN', () => {
    it('reports a sender domain imitating a brand', async () => {
      const findings = await findingsOf(impersonationEngine, { from: 'PayPal <service@paypa1.com>' })
      expect(codesOf(findings)).toEqual(['IMPERSONATION_LOOKALIKE_DOMAIN'])
      expect(findings[0]?.text).toBe(
        "The sender's domain paypa1.com imitates paypal: it swaps letters for look-alike characters.",
      )
      expect(findings[0]?.evidence).toMatchObject({ header: 'From', imitates: 'paypal.*', how: 'homoglyph' })
    })

    it('reports look-alikes of the organization, embedded names and other endings', async () => {
      const cases = [
        ['it@rnycompany.com', 'homoglyph'],
        ['it@mycompany-support.com', 'embedded'],
        ['it@mycompany.co', 'other-tld'],
        ['it@mycompamy.com', 'edit-distance'],
      ]
      for (const [from, how] of cases) {
        const findings = await findingsOf(impersonationEngine, { from }, { organization: ORG })
        expect(findings.map((f) => [f.code, f.evidence.how])).toEqual([['IMPERSONATION_LOOKALIKE_DOMAIN', how]])
      }
    })

    it('rates a brand used as a word of the sender domain medium, and high with a lure word', async () => {
      const school = await findingsOf(impersonationEngine, { from: 'office@apple-valley.k12.mn.us' })
      expect(school.map((f) => [f.code, f.severity])).toEqual([['IMPERSONATION_LOOKALIKE_DOMAIN', 'medium']])
      const lure = await findingsOf(impersonationEngine, { from: 'service@paypal-account-verify.com' })
      expect(lure.map((f) => [f.code, f.severity])).toEqual([['IMPERSONATION_LOOKALIKE_DOMAIN', 'high']])
    })

    it('stays quiet on Microsoft sibling domains and on PayPay', async () => {
      expect(await findingsOf(impersonationEngine, { from: 'Outlook <no-reply@outlook.de>' })).toEqual([])
      expect(await findingsOf(impersonationEngine, { from: 'PayPay <info@paypay.ne.jp>' })).toEqual([])
    })

    it('checks configured protected domains and the Reply-To domain', async () => {
      const findings = await findingsOf(
        impersonationEngine,
        { from: 'bank@bank.example', replyTo: 'desk@rnybank.example' },
        { organization: { protectedDomains: ['mybank.example'] } },
      )
      expect(findings.find((f) => f.code === 'IMPERSONATION_LOOKALIKE_DOMAIN')?.evidence).toMatchObject({
        header: 'Reply-To',
        imitates: 'mybank.example',
      })
    })

    it('reports punycode senders in both forms and mixed scripts without a protected match', async () => {
      const lookalike = await findingsOf(impersonationEngine, { from: 'x@xn--pypal-4ve.com' })
      expect(lookalike[0]?.evidence).toMatchObject({
        domain: 'xn--pypal-4ve.com',
        unicode: 'p\u0430ypal.com',
        punycode: true,
        mixedScripts: true,
      })
      const mixed = await findingsOf(impersonationEngine, { from: 'x@xn--exmple-4nf.com' })
      expect(mixed.map((f) => [f.code, f.severity])).toEqual([['IMPERSONATION_LOOKALIKE_DOMAIN', 'medium']])
      expect(mixed[0]?.evidence.scripts).toEqual(['Cyrillic', 'Latin'])
    })

    it('stays quiet on the genuine brand and the organization itself', async () => {
      expect(
        await findingsOf(impersonationEngine, {
          from: 'PayPal <service@paypal.com>',
          replyTo: 'noreply@mail.paypal.com',
        }),
      ).toEqual([])
      expect(await findingsOf(impersonationEngine, { from: 'Amazon <ship@amazon.co.uk>' })).toEqual([])
      expect(await findingsOf(impersonationEngine, { from: 'it@mycompany.com' }, { organization: ORG })).toEqual([])
    })
  })

  it('survives hostile headers', async () => {
    const from = `"${'a@b.c '.repeat(20_000)}" <@@@>`
    const outcome = await findingsOf(impersonationEngine, { from, replyTo: '<>, "x" <a@[1.2.3.4]>, ,,,' })
    expect(Array.isArray(outcome)).toBe(true)
    expect(await findingsOf(impersonationEngine, { from: 'undisclosed-recipients:;' })).toEqual([])
  })
})
