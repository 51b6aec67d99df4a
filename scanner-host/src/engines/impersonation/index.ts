/** impersonation engine: display names, protected people, Reply-To and look-alike sender domains. */
import type { Finding } from '@moat/contract'
import { protectedListFor } from '../../domains/lookalike.ts'
import { perConfig } from '../per-config.ts'
import { HostCache } from '../../domains/registered-domain.ts'
import { defineEngine, ok } from '../engine.ts'
import { type ImpersonationConfig, ImpersonationConfigSchema } from './config.ts'
import { displayNameAddress } from './display-name.ts'
import { lookalikeSender } from './lookalike-sender.ts'
import { protectedPerson } from './protected-person.ts'
import { replyToMismatch } from './reply-to.ts'

export { ImpersonationConfigSchema, type ImpersonationConfig } from './config.ts'

const freeMailSet = perConfig((config: ImpersonationConfig) => new Set(config.freeMailDomains))

export const impersonationEngine = defineEngine({
  name: 'impersonation',
  description:
    'Impersonation: addresses in display names, borrowed names of protected people, Reply-To elsewhere, look-alike sender domains.',
  configSchema: ImpersonationConfigSchema,
  async scan(message, ctx) {
    const from = message.from
    if (!from) return ok([])
    const freeMail = freeMailSet(ctx.config)
    const cache = new HostCache()
    const protectedList = protectedListFor(ctx.organization, ctx.config.brandDomains)
    const findings = [
      displayNameAddress(from, protectedList, cache),
      protectedPerson(from, ctx.organization, freeMail, cache),
      replyToMismatch(message, ctx.organization, freeMail, cache),
      lookalikeSender(message, protectedList, cache),
    ]
    return ok(findings.filter((f): f is Finding => f !== null))
  },
})
