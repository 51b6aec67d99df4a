/** TLSH speed in one run: the reference C++ tool, `moat tlsh`, the npm `tlsh` package and our hasher in-process. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { tlshHash } from '../tlsh/tlsh.ts'

const USAGE = `usage: tsx scanner-host/src/bench/tlsh-speed.ts [--mb N] [--runs N] [--seed N]
  Writes N MB (default 64; 1 MB = 2^20 bytes) of mixed text and binary to a temporary folder, then
  times, by wall clock and best of --runs (default 3): the reference tool of Debian's tlsh-tools
  (installed when missing, as root), \`moat tlsh FILE\` as a real process, the npm tlsh package on
  the same bytes, and moat's hasher in-process. Prints one line each and the speed ratios.`

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const MOAT_BIN = join(REPO, 'scanner-host/bin/moat.js')
const ENSURE_PACKAGES = join(REPO, 'scripts/ensure-debian-packages.sh')
const MB = 2 ** 20
/** Past this for one run, the npm package is timed on a prefix and scaled (it is about 30x slower). */
const NPM_FULL_RUN_LIMIT_S = 60
const NPM_PREFIX_BYTES = 4 * MB

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '64' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const sizeBytes = Math.round(Number(values.mb) * MB)
const runs = Math.max(1, Number(values.runs))
const seed = Number(values.seed)
if (!(sizeBytes >= 1024) || !Number.isInteger(runs) || !Number.isInteger(seed)) {
  console.error(USAGE)
  process.exit(2)
}

interface Timing {
  name: string
  detail: string
  seconds: number
  /** Set when the time was measured on a prefix and scaled to the whole size. */
  scaledFrom?: number
}

const dir = mkdtempSync(join(tmpdir(), 'moat-tlsh-speed-'))
try {
  const file = join(dir, 'mixed.bin')
  const data = makeMixedBytes(sizeBytes, seed)
  writeFileSync(file, data)
  console.log(
    `TLSH speed on ${(sizeBytes / MB).toFixed(1)} MB (${sizeBytes} bytes, 1 MB = 2^20) of text and binary` +
      ` (seed ${seed}); wall clock, best of ${runs}`,
  )

  const timings: Timing[] = []
  const digests: Record<string, string> = {}

  const reference = findReferenceTool()
  if ('error' in reference) {
    console.log(`  reference: not timed: ${reference.error}`)
  } else {
    const run = timeProcess(reference.path, ['-f', file], runs)
    timings.push({ name: 'reference', detail: `tlsh ${reference.version} (C++, ${reference.path} -f FILE)`, ...run })
    digests.reference = run.stdout.split('\t')[0]!.trim()
  }

  const command = timeProcess(process.execPath, [MOAT_BIN, 'tlsh', file], runs)
  timings.push({ name: 'moat', detail: 'node scanner-host/bin/moat.js tlsh FILE (whole command)', ...command })
  digests.command = command.stdout.split('\t')[0]!.trim()

  const inProcess = bestOf(runs, () => tlshHash(data))
  timings.push({ name: 'in-process', detail: "moat's tlshHash on the bytes in memory", seconds: inProcess.seconds })
  digests.inProcess = inProcess.result ?? 'TNULL'

  timings.push(timeNpmTlsh(data, runs))

  for (const t of timings) {
    const scaled = t.scaledFrom ? ` (timed on the first ${t.scaledFrom / MB} MB, scaled)` : ''
    const mbPerSecond = sizeBytes / MB / t.seconds
    console.log(
      `  ${t.name.padEnd(11)} ${t.detail.padEnd(62)} ${t.seconds.toFixed(3).padStart(8)} s ${mbPerSecond.toFixed(1).padStart(8)} MB/s${scaled}`,
    )
  }

  const seconds = (name: string) => timings.find((t) => t.name === name)?.seconds
  const ref = seconds('reference')
  const npm = seconds('npm tlsh')!
  if (ref !== undefined) {
    console.log(
      `moat / reference: ${(ref / command.seconds).toFixed(2)}x the reference's speed, whole command against` +
        ` whole command (goal: at least 0.5x); in-process ${(ref / inProcess.seconds).toFixed(2)}x`,
    )
  }
  console.log(
    `moat / npm tlsh: ${(npm / inProcess.seconds).toFixed(1)}x, library against library in-process (goal: at least` +
      ` 10x); the whole moat command, start-up included, against the npm library alone: ${(npm / command.seconds).toFixed(1)}x`,
  )

  const agree = digests.command === digests.inProcess
  // The 3.x reference prints no `T1` prefix; on a large input its digest is otherwise the same as 4.x's.
  const referenceAgrees = digests.reference === undefined || `T1${digests.reference}` === digests.inProcess
  console.log(
    `digest: ${digests.inProcess}; command and in-process ${agree ? 'agree' : 'DIFFER'}` +
      (digests.reference === undefined
        ? ''
        : `; reference ${referenceAgrees ? 'agrees' : `DIFFERS (${digests.reference})`}`),
  )
  if (!agree || !referenceAgrees) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}

/**
 * Deterministic mail-like bytes: paragraphs of words drawn with a skewed (Zipf-like) frequency,
 * quoted repeats of earlier paragraphs as in reply threads, and blocks of random bytes standing
 * for compressed attachments (about a fifth of the total).
 */
function makeMixedBytes(size: number, seed: number): Buffer {
  const random = mulberry32(seed)
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sta', 'pe', 'ti', 'vo', 'an', 'er', 'in', 'ol', 'us', 'qu', 'bra']
  const words = Array.from({ length: 3000 }, () => {
    let word = ''
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) word += syllables[Math.floor(random() * syllables.length)]
    return word
  })
  const out = Buffer.alloc(size)
  const paragraphs: string[] = []
  let at = 0
  const put = (text: string) => {
    at += out.write(text, at, 'latin1')
  }
  while (at < size) {
    const roll = random()
    if (roll < 0.02) {
      const block = Math.min(size - at, 1024 + Math.floor(random() * 7168))
      for (let i = 0; i < block; i++) out[at + i] = Math.floor(random() * 256)
      at += block
    } else if (roll < 0.16 && paragraphs.length > 0) {
      const quoted = paragraphs[Math.floor(random() * paragraphs.length)]!
      put(quoted.replace(/^/gm, '> ') + '\n')
    } else {
      let paragraph = ''
      for (let lines = 3 + Math.floor(random() * 6); lines > 0; lines--) {
        const count = 8 + Math.floor(random() * 7)
        const line: string[] = []
        for (let w = 0; w < count; w++) line.push(words[Math.floor(words.length * random() ** 3)]!)
        line[0] = line[0]!.charAt(0).toUpperCase() + line[0]!.slice(1)
        paragraph += line.join(random() < 0.2 ? ', ' : ' ') + (random() < 0.5 ? '.\n' : '\n')
      }
      if (paragraphs.length < 500) paragraphs.push(paragraph)
      put(paragraph + '\n')
    }
  }
  return out
}

/** A small seeded generator (mulberry32): the same file on every machine for the same seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

function bestOf<T>(count: number, work: () => T): { seconds: number; result: T } {
  let seconds = Infinity
  let result!: T
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    result = work()
    seconds = Math.min(seconds, (performance.now() - started) / 1000)
  }
  return { seconds, result }
}

function timeProcess(command: string, args: string[], count: number): { seconds: number; stdout: string } {
  const { seconds, result } = bestOf(count, () =>
    spawnSync(command, args, { encoding: 'utf8', maxBuffer: 16 * MB, stdio: ['ignore', 'pipe', 'pipe'] }),
  )
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr || result.error?.message}`)
  }
  return { seconds, stdout: result.stdout }
}

/** The reference tool of Debian's tlsh-tools, installed through the project's script when missing. */
function findReferenceTool(): { path: string; version: string } | { error: string } {
  const ensure = spawnSync('bash', [ENSURE_PACKAGES, 'tlsh-tools'], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (ensure.status !== 0) return { error: `scripts/ensure-debian-packages.sh tlsh-tools exited ${ensure.status}` }
  const files = spawnSync('dpkg', ['-L', 'tlsh-tools'], { encoding: 'utf8' }).stdout.split('\n')
  const binaries = files.filter((f) => f.startsWith('/usr/bin/'))
  const path = binaries.find((f) => f.endsWith('/tlsh')) ?? binaries[0]
  if (!path) return { error: 'tlsh-tools installs no program in /usr/bin' }
  const version = spawnSync('dpkg-query', ['-W', '-f=${Version}', 'tlsh-tools'], { encoding: 'utf8' }).stdout
  return { path, version: version.split('+')[0] || 'unknown' }
}

/**
 * The npm tlsh package hashes strings (one character per byte), so it gets the bytes as latin1
 * text; converting is not timed. A run projected past a minute is timed on a prefix and scaled.
 */
function timeNpmTlsh(data: Buffer, count: number): Timing {
  const require = createRequire(import.meta.url)
  const npmTlsh = require('tlsh') as (text: string) => string
  const { version } = require('tlsh/package.json') as { version: string }
  const detail = `npm tlsh ${version}, in-process, the bytes as a latin1 string`
  const prefix = data.subarray(0, NPM_PREFIX_BYTES).toString('latin1')
  const probe = bestOf(1, () => npmTlsh(prefix)).seconds
  const projected = probe * (data.length / Math.min(data.length, NPM_PREFIX_BYTES))
  if (projected > NPM_FULL_RUN_LIMIT_S) {
    const best = Math.min(probe, bestOf(count - 1 || 1, () => npmTlsh(prefix)).seconds)
    return { name: 'npm tlsh', detail, seconds: projected * (best / probe), scaledFrom: NPM_PREFIX_BYTES }
  }
  const whole = data.toString('latin1')
  return { name: 'npm tlsh', detail, seconds: bestOf(count, () => npmTlsh(whole)).seconds }
}
