/** Configuration of the links engine: shorteners, click-tracking domains and brands, each with defaults. */
import { z } from 'zod'
import { DEFAULT_BRAND_DOMAINS } from '../../domains/brands.ts'
import { DomainNameSchema } from '../../domains/schema.ts'

/** Public URL shorteners: anyone can make them point anywhere, so the target is hidden. */
export const DEFAULT_SHORTENERS = [
  'bit.ly',
  'bitly.com',
  'tinyurl.com',
  't.co',
  'goo.gl',
  'ow.ly',
  'is.gd',
  'v.gd',
  'buff.ly',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  't.ly',
  'rb.gy',
  'tiny.cc',
  'bl.ink',
  's.id',
  'shorte.st',
  'adf.ly',
  'lnkd.in',
  'qrco.de',
  'surl.li',
  'clck.ru',
  'urlz.fr',
  'tinu.be',
]

/**
 * Click-tracking domains of email service providers. Their links deliberately differ from the
 * text they sit under (newsletters show "www.shop.example" and link to a tracker), and the real
 * target is only known after the redirect, so they never count as a text/target mismatch.
 */
export const DEFAULT_TRACKING_DOMAINS = [
  'list-manage.com',
  'mcsv.net',
  'mailchi.mp',
  'sendgrid.net',
  'mandrillapp.com',
  'rs6.net',
  'exacttarget.com',
  'exct.net',
  'hubspotlinks.com',
  'hubspotemail.net',
  'cmail19.com',
  'cmail20.com',
  'createsend1.com',
  'klclick.com',
  'klclick1.com',
  'klclick2.com',
  'klclick3.com',
  'awstrack.me',
  'sparkpostmail.com',
  'mjt.lu',
  'sendibt2.com',
  'sendibt3.com',
  'en25.com',
  'pardot.com',
  'mlsend.com',
  'convertkit-mail.com',
  'substack.com',
]

export const LinksConfigSchema = z
  .object({
    /** Hosts reported as LINK_SHORTENER (matched on host or registered domain). */
    shorteners: z.array(DomainNameSchema).default([...DEFAULT_SHORTENERS]),
    /** Registered domains whose links are not compared with their displayed text. */
    trackingDomains: z.array(DomainNameSchema).default([...DEFAULT_TRACKING_DOMAINS]),
    /**
     * Brands checked for look-alike hosts besides the organization's own and protected domains;
     * `name.*` covers every public suffix (see domains/brands.ts).
     */
    brandDomains: z.array(z.string().min(1).max(255)).default([...DEFAULT_BRAND_DOMAINS]),
  })
  .strict()

export type LinksConfig = z.infer<typeof LinksConfigSchema>
