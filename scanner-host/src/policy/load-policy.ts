/** Reads a policy file (YAML or JSON), validating it with clear errors that name the bad key. */
import { readFile } from 'node:fs/promises'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { PolicySchema, type Policy } from './policy.ts'

export class PolicyError extends Error {
  readonly code = 'InvalidPolicy'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PolicyError'
  }
}

/** Parses policy text (YAML, which includes JSON); `source` names it in error messages. */
export function parsePolicy(text: string, source = 'policy'): Policy {
  let data: unknown
  try {
    data = parseYaml(text) ?? {}
  } catch (cause) {
    throw new PolicyError(`${source}: not valid YAML or JSON: ${(cause as Error).message}`, { cause })
  }
  const result = PolicySchema.safeParse(data)
  if (!result.success) throw new PolicyError(`${source}: ${formatIssues(result.error)}`, { cause: result.error })
  return result.data
}

export async function loadPolicy(path: string): Promise<Policy> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new PolicyError(`cannot read policy ${path}: ${(cause as NodeJS.ErrnoException).code ?? cause}`, { cause })
  }
  return parsePolicy(text, path)
}

/** `thresholds.flag: expected number, received string; lists.allow.0: a list entry is ...` */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issueMessage(issue)}`)
    .join('; ')
}

/** A bad record key carries the real reason one level down ("Invalid key in record" says little). */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues[0]) return issue.issues[0].message
  return issue.message
}
