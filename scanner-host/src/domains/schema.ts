/** Zod schema for domain names in engine configuration: trimmed, lower case, no trailing dot. */
import { z } from 'zod'
import { normaliseHost } from './registered-domain.ts'

export const DomainNameSchema = z.string().min(1).max(255).transform(normaliseHost)
