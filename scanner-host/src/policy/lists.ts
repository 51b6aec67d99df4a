/** Allow/block lists: entries by address or domain, matched against the sender. */
import { z } from 'zod'

/**
 * `user@example.com` matches that address; `example.com` or `@example.com` matches the domain and
 * its subdomains (`mail.example.com`). Domains compare case-insensitively (RFC 5321 s2.4).
 */
const EntrySchema = z
  .string()
  .trim()
  .min(3)
  .transform((entry) => entry.toLowerCase().replace(/^@/, ''))
  .refine((entry) => /^[^\s@]+@[^\s@]+\.[^\s@]+$|^[^\s@]+\.[^\s@]+$/.test(entry), {
    message: 'a list entry is an address (user@example.com) or a domain (example.com)',
  })

export const ListsSchema = z
  .object({
    allow: z.array(EntrySchema).default([]),
    block: z.array(EntrySchema).default([]),
  })
  .strict()

export type Lists = z.infer<typeof ListsSchema>

export const EMPTY_LISTS: Lists = { allow: [], block: [] }

/** The entries of `entries` that match `sender` (an address), most specific first. */
export function matchingEntries(entries: readonly string[], sender: string | null): string[] {
  if (!sender) return []
  const address = sender.toLowerCase()
  const at = address.lastIndexOf('@')
  if (at < 0) return []
  const domain = address.slice(at + 1)
  const matches: string[] = []
  for (const entry of entries) {
    if (entry.includes('@')) {
      if (entry === address) matches.push(entry)
    } else if (domain === entry || domain.endsWith('.' + entry)) {
      matches.push(entry)
    }
  }
  return matches.sort((a, b) => Number(b.includes('@')) - Number(a.includes('@')) || b.length - a.length)
}
