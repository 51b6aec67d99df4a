/** Configuration of the url-feeds engine: the feeds to read and how shortened links are followed. */
import { isIP } from 'node:net'
import { z } from 'zod'
import { DomainNameSchema } from '../../domains/schema.ts'
import { DEFAULT_SHARED_HOSTS } from '../../feeds/shared-hosts.ts'
import { FeedSourceSchema } from '../../feeds/source.ts'
import { DEFAULT_SHORTENERS } from '../links/config.ts'

const CidrSchema = z.union([z.cidrv4(), z.cidrv6()])

/** `9.9.9.9`, `9.9.9.9:53`, `2620:fe::fe`, `[2620:fe::fe]:53`: the forms c-ares accepts. */
const DnsServerSchema = z.string().refine(
  (s) => {
    const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(s)
    if (bracketed) return isIP(bracketed[1]!) === 6 && Number(bracketed[2] ?? 53) <= 65535
    const [ip = '', port] = s.split(/:(?=\d+$)/)
    return isIP(s) === 6 || (isIP(ip) === 4 && Number(port ?? 53) <= 65535)
  },
  { message: 'a DNS server address: 9.9.9.9, 9.9.9.9:53 or [2620:fe::fe]:53' },
)

export const UnshortenConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Requests per link: a chain bit.ly -> ow.ly -> site needs 2. */
    maxHops: z.number().int().min(1).max(10).default(3),
    /** For one link's whole chain, DNS included; the engine's own deadline also applies. */
    timeoutMs: z.number().int().positive().max(30_000).default(1500),
    /** Shortened links followed per message; a link farm does not get a request each. */
    maxLinks: z.number().int().nonnegative().max(50).default(5),
    /** CIDRs exempt from the refusal of private, loopback and link-local addresses. Keep empty. */
    allowedNetworks: z.array(CidrSchema).default([]),
    /** DNS servers for the shortener hosts; empty: the system's (/etc/resolv.conf). */
    dnsServers: z.array(DnsServerSchema).default([]),
    /** The only hosts ever contacted; the links engine's list by default. */
    shorteners: z.array(DomainNameSchema).default([...DEFAULT_SHORTENERS]),
  })
  .strict()

export const UrlFeedsConfigSchema = z
  .object({
    /** No feed is read until one is configured; then a scan that cannot check one is an error. */
    feeds: z
      .array(FeedSourceSchema)
      .default([])
      .refine((feeds) => new Set(feeds.map((f) => f.name)).size === feeds.length, {
        message: 'feed names must be unique',
      }),
    /** Hosts where one listed URL does not taint the others (feeds/shared-hosts.ts); shorteners are added. */
    sharedHosts: z.array(DomainNameSchema).default([...DEFAULT_SHARED_HOSTS]),
    unshorten: UnshortenConfigSchema.prefault({}),
  })
  .strict()

export type UrlFeedsConfig = z.infer<typeof UrlFeedsConfigSchema>
export type UnshortenConfig = z.infer<typeof UnshortenConfigSchema>
