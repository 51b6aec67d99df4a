/** Configuration of the auth engine: whose Authentication-Results to trust, where the client IP comes from, DNS. */
import { isIP } from 'node:net'
import { z } from 'zod'
import { DomainNameSchema } from '../../domains/schema.ts'

/** `192.0.2.53`, `192.0.2.53:5353`, `2001:db8::53` or `[2001:db8::53]:5353`, as Node's resolver takes them. */
function isServerAddress(server: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(server)
  if (bracketed) return isIP(bracketed[1]!) === 6 && (bracketed[2] === undefined || Number(bracketed[2]) <= 65535)
  if (isIP(server) !== 0) return true
  const withPort = /^([\d.]+):(\d{1,5})$/.exec(server)
  return withPort !== null && isIP(withPort[1]!) === 4 && Number(withPort[2]) <= 65535
}

export const AuthConfigSchema = z
  .object({
    /**
     * authserv-ids (RFC 8601 s2.5) of the organization's own receiving servers, as they write them
     * first in Authentication-Results (`mx.mycompany.com`, `mx.google.com`). Their results are used
     * instead of checking again. Every other Authentication-Results header is ignored, because
     * anyone can write one (RFC 8601 s5); the servers must remove incoming headers that claim
     * these ids, as that section requires of them.
     */
    trustedAuthservIds: z.array(z.string().trim().min(1).max(255).toLowerCase()).default([]),
    /**
     * Host names, or parent domains, of the servers that take the organization's mail from the
     * internet, as they name themselves in the `by` part of Received (`mx.mycompany.com`,
     * `mail.protection.outlook.com`). The topmost Received header one of them wrote for a client
     * at a public address gives the client IP and HELO name for SPF (RFC 7208 s2.3, s2.4).
     * Empty: SPF is not checked, as Moat cannot know who delivered the message; DKIM alone can
     * still authenticate the sender.
     */
    receivedBy: z.array(DomainNameSchema).default([]),
    /**
     * ARC sealers (the `d=` of ARC-Seal, RFC 8617) trusted to report what they saw: mailing lists
     * and forwarders that change messages and so break the author's DKIM. When the chain
     * validates and the newest seal is theirs, their `dmarc=pass` for the From domain counts as
     * authenticated (RFC 8617 s7.2 leaves this to the receiver's local policy).
     */
    trustedArcSealers: z.array(DomainNameSchema).default([]),
    /** DNS servers to ask; empty asks the system's (/etc/resolv.conf). */
    dnsServers: z
      .array(
        z.string().trim().refine(isServerAddress, { message: 'a DNS server is an IP address, with an optional port' }),
      )
      .default([]),
    /** Time for one DNS question, retries included; past it the answer counts as a temporary error. */
    dnsTimeoutMs: z.number().int().positive().max(30_000).default(1500),
    checkSpf: z.boolean().default(true),
    checkDkim: z.boolean().default(true),
    /** Validates ARC chains when `trustedArcSealers` names someone whose results could count. */
    checkArc: z.boolean().default(true),
    /** RSA keys shorter than this do not verify; RFC 8301 s3.2 forbids trusting keys under 1024 bits. */
    minRsaBits: z.number().int().min(1024).max(16_384).default(1024),
    /**
     * DKIM signatures verified per message (RFC 6376 s6.1 lets verifiers limit them); the newest
     * ARC set's two keys come on top. Each costs a DNS question; signatures past the limit count
     * as not verifying, so piling up signatures cannot turn a DMARC failure into a temporary error.
     */
    maxSignatures: z.number().int().min(1).max(50).default(10),
    /** Name the health check asks for (NS); any answer, even "no such name", shows DNS works. */
    healthProbeName: DomainNameSchema.default('example.com'),
  })
  .strict()

export type AuthConfig = z.infer<typeof AuthConfigSchema>
