import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openPathTo } from '../service-user.ts'
import { rspamdUser } from './service-user.ts'

// As root, Rspamd's workers run as _rspamd; otherwise as the caller, and there is nothing to open.
const user = rspamdUser()

describe.runIf(user)('openPathTo (as root, workers as _rspamd)', () => {
  const made: string[] = []
  const tempParent = () => {
    const dir = mkdtempSync(join(tmpdir(), 'moat-open-path-'))
    made.push(dir)
    return dir
  }
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('lets the workers through a mode-700 temporary parent and workDir, without letting them list either', () => {
    const parent = tempParent()
    const workDir = join(parent, 'rspamd')
    mkdirSync(workDir, { mode: 0o700 })
    openPathTo(user, workDir)
    expect(statSync(parent).mode & 0o777).toBe(0o711)
    expect(statSync(workDir).mode & 0o777).toBe(0o711)
  })

  it('does not change a blocking parent outside the temporary folder, and says which one it is', () => {
    const parent = tempParent()
    const workDir = join(parent, 'rspamd')
    mkdirSync(workDir)
    chmodSync(parent, 0o700)
    expect(() => openPathTo(user, workDir, '/nonexistent-tmp')).toThrow(`cannot enter ${parent}`)
    expect(statSync(parent).mode & 0o777).toBe(0o700)
  })
})
