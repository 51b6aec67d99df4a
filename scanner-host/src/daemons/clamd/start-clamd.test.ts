import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { clamdInstream, parseClamdAddress, type ClamdAddress } from '../../engines/clamav/index.ts'
import { chooseDatabase, hasOfficialDatabase, SYSTEM_DATABASE_DIR } from './database-choice.ts'
import { EICAR } from './signatures.ts'
import { startClamd, type ClamdInstance } from './start-clamd.ts'
import { buildTestDatabase, CLAMAV_TESTFILES_DIR } from './test-database.ts'
import { serviceUser } from '../service-user.ts'

const root = mkdtempSync(join(tmpdir(), 'moat-clamd-launcher-'))
const running: ClamdInstance[] = []
afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()))
  rmSync(root, { recursive: true, force: true })
})

let dirs = 0
function freshDir(): string {
  const dir = join(root, String(++dirs))
  mkdirSync(dir)
  return dir
}

async function start(options: Parameters<typeof startClamd>[0]): Promise<ClamdInstance> {
  const started = performance.now()
  const clamd = await startClamd(options)
  running.push(clamd)
  console.info(
    `clamd start-up (${clamd.signatureSource}, ${options.socket ?? 'tcp'}): ${Math.round(performance.now() - started)} ms`,
  )
  return clamd
}

/** Waits (boundedly) until a killed process has been reaped, so the test does not race the kill. */
async function gone(pid: number): Promise<void> {
  for (let i = 0; i < 200 && existsSync(`/proc/${pid}`); i++) await sleep(10)
  expect(existsSync(`/proc/${pid}`)).toBe(false)
}

function scan(clamd: ClamdInstance, data: Buffer | string): Promise<string> {
  const address = parseClamdAddress(clamd.address) as ClamdAddress
  return clamdInstream(address, Buffer.from(data), { chunkBytes: 65_536, signal: AbortSignal.timeout(10_000) })
}

describe('test database', () => {
  it('holds the hash lines sigtool --md5 prints, for clam.exe and EICAR', () => {
    const db = buildTestDatabase(freshDir())
    const lines = readFileSync(db.file, 'utf8').trim().split('\n')
    expect(lines[0]).toBe('aa15bcf478d165efd2065190eb473bcb:544:ClamAV-Test-File')
    // The well-known MD5 of the 68-byte EICAR file.
    expect(lines[1]).toBe('44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature')
    expect(db.signatures).toBe(lines.length)
    const sigtool = spawnSync('sigtool', ['--md5', join(CLAMAV_TESTFILES_DIR, 'clam.exe')], { encoding: 'utf8' })
    if (sigtool.status === 0) expect(sigtool.stdout.trim()).toBe('aa15bcf478d165efd2065190eb473bcb:544:clam.exe')
  })
})

describe('startClamd', () => {
  it('starts on loopback TCP with the test database, which clamd loads in full, and restarts at the same address', async () => {
    const db = buildTestDatabase(freshDir())
    const clamd = await start({ workDir: freshDir(), databaseDir: db.dir })
    expect(clamd.address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/)
    expect(clamd.signatureSource).toBe('given')
    expect(clamd.signatures).toBe(db.signatures)
    expect(clamd.version).toMatch(/^ClamAV 1\./)
    expect(readFileSync(clamd.configFile, 'utf8')).toMatch(/^TCPAddr 127\.0\.0\.1$/m)
    expect(await scan(clamd, EICAR)).toBe('stream: Eicar-Test-Signature.UNOFFICIAL FOUND')
    expect(await scan(clamd, `${EICAR}\r\n`)).toBe('stream: Eicar-Test-Signature.UNOFFICIAL FOUND')

    const { address, pid } = clamd
    clamd.kill()
    await gone(pid)
    await expect(scan(clamd, EICAR)).rejects.toThrow(/connection refused/)
    const restarted = performance.now()
    await clamd.restart()
    console.info(`clamd restart after SIGKILL: ${Math.round(performance.now() - restarted)} ms`)
    expect(clamd.address).toBe(address)
    expect(clamd.pid).not.toBe(pid)
    expect(await scan(clamd, 'clean')).toBe('stream: OK')
  })

  it('keeps its temporary files in memory (/dev/shm) when there is one, or in workDir/tmp when told, and removes them', async () => {
    const db = buildTestDatabase(freshDir())
    const workDir = freshDir()
    const clamd = await start({ workDir, databaseDir: db.dir })
    const inMemory = existsSync('/dev/shm')
    if (inMemory) expect(clamd.tempDir).toMatch(/^\/dev\/shm\/moat-clamd-/)
    expect(readFileSync(clamd.configFile, 'utf8')).toContain(`TemporaryDirectory ${clamd.tempDir}\n`)
    // A message with an attachment: clamd writes the stream and unpacks the part into its folder.
    const mail = `From: a@example.org\r\nTo: b@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(EICAR).toString('base64')}\r\n--b--\r\n`
    expect(await scan(clamd, mail)).toMatch(/Eicar-Test-Signature.* FOUND$/)
    await clamd.stop()
    if (inMemory) expect(existsSync(clamd.tempDir)).toBe(false)

    const onDisk = await start({ workDir: freshDir(), databaseDir: db.dir, temporaryFiles: 'disk' })
    expect(onDisk.tempDir).toMatch(/\/tmp$/)
    expect(await scan(onDisk, 'clean')).toBe('stream: OK')
  })

  it('listens on a unix socket, and comes back after SIGKILL left the socket file behind', async () => {
    const db = buildTestDatabase(freshDir())
    const clamd = await start({ workDir: freshDir(), databaseDir: db.dir, socket: 'unix' })
    const path = clamd.address.slice('unix:'.length)
    expect(clamd.address).toMatch(/^unix:\/.*\/clamd\.sock$/)
    clamd.kill()
    await gone(clamd.pid)
    await expect(scan(clamd, EICAR)).rejects.toThrow(/connection refused/)
    expect(existsSync(path)).toBe(true)
    await clamd.restart()
    expect(await scan(clamd, EICAR)).toMatch(/Eicar-Test-Signature.* FOUND$/)
    await clamd.stop()
    expect(existsSync(path)).toBe(false)
  })

  it.skipIf(hasOfficialDatabase(SYSTEM_DATABASE_DIR))(
    'without a database anywhere, loads EICAR alone and says so',
    async () => {
      const clamd = await start({ workDir: freshDir() })
      expect(clamd.signatureSource).toBe('eicar-only')
      expect(await scan(clamd, EICAR)).toMatch(/FOUND$/)
      expect(await scan(clamd, readFileSync(join(CLAMAV_TESTFILES_DIR, 'clam.exe')))).toBe('stream: OK')
    },
  )

  it('picks the caller’s folder, else the official download, else EICAR alone', () => {
    const system = freshDir()
    expect(chooseDatabase(freshDir(), '/given', system)).toEqual({ dir: '/given', source: 'given' })
    expect(chooseDatabase(freshDir(), undefined, system).source).toBe('eicar-only')
    writeFileSync(join(system, 'daily.cld'), '')
    expect(chooseDatabase(freshDir(), undefined, system)).toEqual({ dir: system, source: 'system' })
  })

  it.skipIf(!serviceUser('clamav'))('runs clamd as the account given, when Moat runs as root', async () => {
    // Every folder above clamd's work dir must let the account through.
    const base = freshDir()
    chmodSync(root, 0o755)
    chmodSync(base, 0o755)
    const db = buildTestDatabase(join(base, 'db'))
    const clamd = await start({ workDir: join(base, 'clamd'), databaseDir: db.dir, user: 'clamav' })
    const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${clamd.pid}/status`, 'utf8'))?.[1]
    expect(Number(uid)).toBe(serviceUser('clamav')!.uid)
    expect(await scan(clamd, EICAR)).toMatch(/FOUND$/)
  })

  it('fails with the end of clamd’s log when the database is broken', async () => {
    const db = freshDir()
    writeFileSync(join(db, 'broken.hdb'), 'not a signature\n')
    await expect(startClamd({ workDir: freshDir(), databaseDir: db })).rejects.toThrow(
      /clamd exited during start-up[\s\S]*broken\.hdb/,
    )
  })
})
