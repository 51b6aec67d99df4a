/** Configuration of the impersonation engine: free-mail providers and much-impersonated brands. */
import { z } from 'zod'
import { DEFAULT_BRAND_DOMAINS } from '../../domains/brands.ts'
import { DomainNameSchema } from '../../domains/schema.ts'

/** Providers where anyone can open an address in any name: a Reply-To there is a classic BEC trick. */
export const DEFAULT_FREE_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'ymail.com',
  'rocketmail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'zoho.com',
  'tutanota.com',
  'tuta.io',
  'fastmail.com',
  'hushmail.com',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'free.fr',
  'orange.fr',
  'laposte.net',
  'libero.it',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  't-online.de',
]

export const ImpersonationConfigSchema = z
  .object({
    /** Registered domains of free-mail providers; a Reply-To there weighs more. */
    freeMailDomains: z.array(DomainNameSchema).default([...DEFAULT_FREE_MAIL_DOMAINS]),
    /**
     * Brands whose look-alikes are reported besides the organization's own and protected domains;
     * `name.*` covers every public suffix (see domains/brands.ts).
     */
    brandDomains: z.array(z.string().min(1).max(255)).default([...DEFAULT_BRAND_DOMAINS]),
  })
  .strict()

export type ImpersonationConfig = z.infer<typeof ImpersonationConfigSchema>
