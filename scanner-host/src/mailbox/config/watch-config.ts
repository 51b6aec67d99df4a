/** The scanner host's YAML configuration: which mailboxes to watch and how, validated with zod. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'

/** An IMAP mailbox name: no control characters (they would break the protocol's quoting). */
const MailboxNameSchema = z
  .string()
  .min(1)
  .max(255)
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  .regex(/^[^\x00-\x1f\x7f]+$/, 'must not contain control characters')

/**
 * Where a secret comes from. A literal in the YAML is allowed for local tests, but an environment
 * variable or a file (a mounted secret, a token another process refreshes) keeps it out of the file.
 */
const SecretSourceSchema = z.union([
  z.string().min(1),
  z.object({ env: z.string().min(1) }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
])
export type SecretSource = z.infer<typeof SecretSourceSchema>

export const AccountSchema = z
  .object({
    /** Names the account in logs, records and commands (`moat backfill --account NAME`). */
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(993),
    /** Implicit TLS (port 993). Plain connections are for loopback test servers. */
    secure: z.boolean().default(true),
    /** Refuse servers whose certificate does not verify. Off only for a self-signed test server. */
    verifyCertificate: z.boolean().default(true),
    user: z.string().min(1),
    /** The password; or use `oauth2` for XOAUTH2. */
    pass: SecretSourceSchema.optional(),
    /** An OAuth2 access token for XOAUTH2 (Microsoft 365, Google), read anew at each connection. */
    oauth2: z.object({ accessToken: SecretSourceSchema }).strict().optional(),
    mailbox: MailboxNameSchema.default('INBOX'),
    /** Created when missing. */
    quarantineMailbox: MailboxNameSchema.default('Quarantine'),
    /** Watched for learning: a message a person moves here trains spam. */
    junkMailbox: MailboxNameSchema.default('Junk'),
    trashMailbox: MailboxNameSchema.default('Trash'),
    /** `enforce` acts on verdicts; `monitor` scans and records but never moves or flags. */
    mode: z.enum(['enforce', 'monitor']).default('enforce'),
    /**
     * What the `delete` verdict does here: hold the message in quarantine like any threat (the
     * default: a person can still review it), move it to the trash mailbox, or expunge it for good.
     */
    deleteBy: z.enum(['quarantine', 'trash', 'expunge']).default('quarantine'),
    /** Train the learning engines from people's own moves into and out of Junk and Quarantine. */
    learnFromMoves: z.boolean().default(true),
  })
  .strict()
  .refine((a) => (a.pass === undefined) !== (a.oauth2 === undefined), {
    message: 'give exactly one of `pass` and `oauth2`',
  })
  .refine((a) => new Set([a.mailbox, a.quarantineMailbox, a.junkMailbox, a.trashMailbox]).size === 4, {
    message: 'mailbox, quarantineMailbox, junkMailbox and trashMailbox must all differ',
  })
export type Account = z.infer<typeof AccountSchema>

export const WatchConfigSchema = z
  .object({
    /** Policy file (scores, engines, what to do when scanning fails); MOAT_POLICY or defaults when unset. */
    policy: z.string().min(1).optional(),
    /** Learning state and mailbox cursors; MOAT_DATA_DIR or ./data when unset. */
    dataDir: z.string().min(1).optional(),
    /** The periodic sweep: catches what IDLE missed, runs due retries, reads Junk for learning. */
    sweepSeconds: z.number().positive().max(3600).default(60),
    /** Reconnection delays double from `minSeconds` up to `maxSeconds`, each with random jitter. */
    reconnect: z
      .object({
        minSeconds: z.number().positive().max(3600).default(1),
        maxSeconds: z.number().positive().max(3600).default(60),
      })
      .strict()
      .default({ minSeconds: 1, maxSeconds: 60 }),
    /** Messages scanned at once per account. */
    scanConcurrency: z.number().int().min(1).max(32).default(4),
    accounts: z
      .array(AccountSchema)
      .default([])
      .refine((list) => new Set(list.map((a) => a.name)).size === list.length, {
        message: 'account names must be unique',
      }),
  })
  .strict()
export type WatchConfig = z.infer<typeof WatchConfigSchema>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Reads and validates the YAML file; paths inside it (policy, dataDir, secret files) are taken
 * relative to the file's folder. Errors name the file and the key: `accounts.0.port: …`.
 */
export async function loadWatchConfig(file: string): Promise<WatchConfig> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new ConfigError(`cannot read the configuration ${file}: ${(err as Error).message}`)
  }
  let data: unknown
  try {
    data = parseYaml(text) ?? {}
  } catch (err) {
    throw new ConfigError(`${file} is not valid YAML: ${(err as Error).message}`)
  }
  const parsed = WatchConfigSchema.safeParse(data)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(top)'}: ${issue.message}`)
    throw new ConfigError(`${file} is not a valid Moat configuration:\n${problems.join('\n')}`)
  }
  return resolvePaths(parsed.data, path.dirname(path.resolve(file)))
}

function resolvePaths(config: WatchConfig, base: string): WatchConfig {
  const at = (p: string) => path.resolve(base, p)
  const secret = (s: SecretSource): SecretSource => (typeof s === 'object' && 'file' in s ? { file: at(s.file) } : s)
  return {
    ...config,
    policy: config.policy && at(config.policy),
    dataDir: config.dataDir && at(config.dataDir),
    accounts: config.accounts.map((a) => ({
      ...a,
      pass: a.pass && secret(a.pass),
      oauth2: a.oauth2 && { accessToken: secret(a.oauth2.accessToken) },
    })),
  }
}

/** Reads a secret at the moment it is needed, so a rotated file or token is picked up on reconnect. */
export async function readSecret(source: SecretSource, what: string): Promise<string> {
  if (typeof source === 'string') return source
  if ('env' in source) {
    const value = process.env[source.env]
    if (!value) throw new ConfigError(`${what}: the environment variable ${source.env} is not set`)
    return value
  }
  try {
    // A trailing newline is how editors and `echo` write files; it is never part of a password.
    return (await readFile(source.file, 'utf8')).replace(/\r?\n$/, '')
  } catch (err) {
    throw new ConfigError(`${what}: cannot read ${source.file}: ${(err as Error).message}`)
  }
}
