// The YAML configuration: defaults, secrets from the environment and files, and errors that name the key.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadWatchConfig, readSecret } from './watch-config.ts'

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'moat-test-config-'))
  const file = join(dir, 'moat.yaml')
  writeFileSync(file, text)
  return file
}

describe('watch configuration', () => {
  it('fills the defaults and resolves paths next to the file', async () => {
    const file = configFile(
      'policy: policy.yaml\naccounts:\n  - { name: alice, host: imap.example.com, user: alice, pass: { file: alice.pass } }\n',
    )
    const config = await loadWatchConfig(file)
    const [account] = config.accounts
    expect(account).toMatchObject({
      port: 993,
      secure: true,
      mailbox: 'INBOX',
      quarantineMailbox: 'Quarantine',
      junkMailbox: 'Junk',
      mode: 'enforce',
      deleteBy: 'quarantine',
      pass: { file: join(file, '..', 'alice.pass') },
    })
    expect(config.policy).toBe(join(file, '..', 'policy.yaml'))
    expect(config.sweepSeconds).toBe(60)
  })

  it('accepts the example configuration the README shows', async () => {
    const example = fileURLToPath(new URL('../../../../examples/moat.yaml', import.meta.url))
    const config = await loadWatchConfig(example)
    expect(config.accounts.map((a) => [a.name, a.mode])).toEqual([
      ['alice', 'enforce'],
      ['shared-helpdesk', 'monitor'],
    ])
  })

  it('names the bad key', async () => {
    const file = configFile('accounts:\n  - { name: a, host: h, user: u, pass: p, port: "993", mode: watch }\n')
    await expect(loadWatchConfig(file)).rejects.toThrow(/accounts\.0\.port: .*\n.*accounts\.0\.mode/)
  })

  it('refuses unknown keys, two password sources, and clashing mailboxes', async () => {
    await expect(loadWatchConfig(configFile('acounts: []\n'))).rejects.toThrow(/acounts/)
    await expect(
      loadWatchConfig(
        configFile('accounts:\n  - { name: a, host: h, user: u, pass: p, oauth2: { accessToken: t } }\n'),
      ),
    ).rejects.toThrow(/exactly one of `pass` and `oauth2`/)
    await expect(
      loadWatchConfig(configFile('accounts:\n  - { name: a, host: h, user: u, pass: p, junkMailbox: INBOX }\n')),
    ).rejects.toThrow(/must all differ/)
    await expect(loadWatchConfig(configFile('accounts: [\n'))).rejects.toThrow(/not valid YAML/)
  })

  it('reads secrets from the environment and from files, at the time they are needed', async () => {
    process.env.MOAT_TEST_SECRET = 's3cret'
    expect(await readSecret({ env: 'MOAT_TEST_SECRET' }, 'alice')).toBe('s3cret')
    const file = configFile('token-from-file\n')
    expect(await readSecret({ file }, 'alice')).toBe('token-from-file')
    await expect(readSecret({ env: 'MOAT_TEST_UNSET' }, 'alice')).rejects.toThrow(/MOAT_TEST_UNSET is not set/)
  })
})
