/** Organization: the domains a policy protects and the people whose names must not be borrowed. */
import { z } from 'zod'

const DomainSchema = z
  .string()
  .min(1)
  .transform((d) => d.trim().toLowerCase().replace(/\.$/, ''))

export const ProtectedPersonSchema = z
  .object({
    /** Display name as colleagues write it: "Jane Doe". */
    name: z.string().min(2),
    /** Addresses the person really writes from; mail from these is not impersonation. */
    addresses: z
      .array(
        z
          .string()
          .email()
          .transform((a) => a.toLowerCase()),
      )
      .default([]),
  })
  .strict()

export const OrganizationSchema = z
  .object({
    /** The organization's own mail domains: mail from them is "inside". */
    domains: z.array(DomainSchema).default([]),
    /** Domains that look-alikes are checked against (own domains are always included). */
    protectedDomains: z.array(DomainSchema).default([]),
    /** People whose names outsiders must not use as a display name. */
    protectedPeople: z.array(ProtectedPersonSchema).default([]),
  })
  .strict()

export type Organization = z.infer<typeof OrganizationSchema>
export type ProtectedPerson = z.infer<typeof ProtectedPersonSchema>

export const EMPTY_ORGANIZATION: Organization = OrganizationSchema.parse({})

/** Own domains plus protected domains, without duplicates. */
export function allProtectedDomains(organization: Organization): string[] {
  return [...new Set([...organization.domains, ...organization.protectedDomains])]
}
