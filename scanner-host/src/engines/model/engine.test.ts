import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Finding } from '@moat/contract'
import { parseMessage } from '../../message/parse-message.ts'
import { linearModelToOnnx } from '../../model/onnx-writer.ts'
import { META_BUCKETS, META_CONTRACT } from '../../model/onnx-names.ts'
import { MOAT_TEXT_MODEL_PATH } from '../../model/moat-text.ts'
import { buildMessage } from '../../testing/build-message.ts'
import { createModelEngine, ModelConfigSchema, type ModelConfig } from './index.ts'
import { corpusMessage, recordingLogger, scanLogged } from './testing/scan-logged.ts'

/** Held-out messages (later months than the training): clear spam of spam-2, ordinary mail of easy-ham-2. */
const SPAM = [
  'spam-2/00770.d68f06d3996c8876e17a45b3ec3a89b5.txt',
  'spam-2/01230.0589bade8df0c343a49c6712f62dfca0.txt',
  'spam-2/00994.228b5746d5f0e44e436fbc0203b3c67a.txt',
]
const HAM = [
  'easy-ham-2/01148.5d8311cf27db42e943c7f668e721db1b.txt',
  'easy-ham-2/00104.a682139cb63862f8b63756c454c01fe3.txt',
  'easy-ham-2/00905.defebe39d659693316e71ad1cd70b127.txt',
]

let dir: string
let engine: ReturnType<typeof createModelEngine>

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'moat-model-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeEach(() => {
  engine = createModelEngine()
})
afterEach(async () => {
  await engine.close?.()
})

function config(input: unknown = {}): ModelConfig {
  return ModelConfigSchema.parse(input)
}

async function findings(id: string, cfg = config()): Promise<Finding[]> {
  const outcome = await scanLogged(engine, await corpusMessage(id), cfg, recordingLogger())
  if (outcome.status !== 'ok') throw new Error(`${outcome.status}: ${outcome.why}`)
  return outcome.findings
}

/** A file that is not a model at all. */
function corruptFile(): string {
  const path = join(dir, 'corrupt.onnx')
  writeFileSync(path, 'this is not a protobuf, let alone an ONNX graph\n'.repeat(20))
  return path
}

/** A valid linear graph with `buckets` weights, all `weight`, and the given metadata. */
function tinyModel(name: string, buckets: number, metadata: Record<string, string>, weight = 0.5): string {
  const path = join(dir, `${name}.onnx`)
  writeFileSync(path, linearModelToOnnx({ weights: new Float32Array(buckets).fill(weight), bias: 0 }, metadata))
  return path
}

describe('model engine with the shipped moat-text model', () => {
  it.each(SPAM)('rates held-out spam %s as spam, with the words that raised it', async (id) => {
    const [finding, ...rest] = await findings(id)
    expect(rest).toEqual([])
    expect(finding!.code).toMatch(/^MODEL_SPAM(_CERTAIN)?$/)
    expect(finding!.evidence.model).toBe('moat-text')
    expect(finding!.evidence.input).toBe('hashed-ngrams-v1')
    expect(finding!.evidence.probability).toBeGreaterThanOrEqual(0.5)
    expect((finding!.evidence.terms as string[]).length).toBe(5)
    expect(finding!.text).toMatch(/^The text model moat-text .* spam \(\d+(\.\d)?% spam\), from words such as "/)
  })

  it.each(HAM)('leaves held-out good mail %s without a finding', async (id) => {
    expect(await findings(id)).toEqual([])
  })

  it('scores a message with no text at all, from its headers', async () => {
    const outcome = await scanLogged(
      engine,
      await parseMessage(buildMessage({ subject: '', text: '' })),
      config(),
      recordingLogger(),
    )
    expect(outcome.status).toBe('ok')
  })

  it('reports the model loaded, its features and the onnxruntime version', async () => {
    const health = await engine.health!({
      config: config(),
      signal: new AbortController().signal,
      log: recordingLogger(),
    })
    expect(health).toEqual({
      state: 'ready',
      version: 'onnxruntime-node 1.30.0',
      loaded: 'moat-text (hashed-ngrams-v1, 262,144 features)',
    })
  })

  it('loads each file once, however many entries name it and however many messages come', async () => {
    const log = recordingLogger()
    const cfg = config({
      models: [
        { name: 'first', input: 'hashed-ngrams-v1' },
        { name: 'second', path: MOAT_TEXT_MODEL_PATH, input: 'hashed-ngrams-v1' },
      ],
    })
    const message = await corpusMessage(SPAM[0]!)
    const outcomes = await Promise.all([1, 2, 3].map(() => scanLogged(engine, message, cfg, log)))
    for (const outcome of outcomes) {
      expect(outcome.status === 'ok' && outcome.findings.map((f) => f.evidence.model)).toEqual(['first', 'second'])
    }
    expect(log.lines.filter((l) => l.message === 'model loaded')).toHaveLength(1)
  })

  it('loads again after close', async () => {
    expect(await findings(SPAM[0]!)).toHaveLength(1)
    await engine.close!()
    expect(await findings(SPAM[0]!)).toHaveLength(1)
  })
})

describe('model engine with models that cannot be used', () => {
  it('skips a missing and a corrupt model with a logged reason, once, while another model scores', async () => {
    const log = recordingLogger()
    const cfg = config({
      models: [
        { name: 'missing', path: join(dir, 'no-such-model.onnx'), input: 'hashed-ngrams-v1' },
        { name: 'corrupt', path: corruptFile(), input: 'hashed-ngrams-v1' },
        { name: 'moat-text', input: 'hashed-ngrams-v1' },
      ],
    })
    for (const id of [SPAM[0]!, SPAM[1]!]) {
      const outcome = await scanLogged(engine, await corpusMessage(id), cfg, log)
      expect(outcome.status === 'ok' && outcome.findings.map((f) => f.evidence.model)).toEqual(['moat-text'])
    }
    const warnings = log.lines.filter((l) => l.level === 'warn').map((l) => l.message)
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(/^model skipped: The model file .*no-such-model\.onnx does not exist\.$/)
    expect(warnings[1]).toMatch(/^model skipped: The model file .*corrupt\.onnx is not an ONNX model: /)

    const health = await engine.health!({ config: cfg, signal: new AbortController().signal, log })
    expect(health.state).toBe('degraded')
    expect(health.loaded).toBe('moat-text (hashed-ngrams-v1, 262,144 features)')
    expect(health.lastError).toMatch(/^missing: The model file .* does not exist\. corrupt: The model file /)
  })

  it('returns skipped, naming the file, when no model can load; it never throws', async () => {
    const outcome = await scanLogged(
      engine,
      await corpusMessage(HAM[0]!),
      config({ models: [{ name: 'gone', path: join(dir, 'gone.onnx'), input: 'hashed-ngrams-v1' }] }),
      recordingLogger(),
    )
    expect(outcome).toEqual({
      status: 'skipped',
      why: expect.stringMatching(/^gone: The model file .*gone\.onnx does not exist\.$/) as unknown,
    })
    const health = await engine.health!({
      config: config({ models: [{ name: 'gone', path: join(dir, 'gone.onnx'), input: 'hashed-ngrams-v1' }] }),
      signal: new AbortController().signal,
      log: recordingLogger(),
    })
    expect(health.state).toBe('down')
  })

  it('returns skipped when every model is disabled', async () => {
    const outcome = await scanLogged(
      engine,
      await corpusMessage(HAM[0]!),
      config({ models: [{ name: 'moat-text', input: 'hashed-ngrams-v1', enabled: false }] }),
      recordingLogger(),
    )
    expect(outcome).toEqual({ status: 'skipped', why: 'No model is enabled in the configuration.' })
  })

  it('skips a model trained on another feature contract or bucket count', async () => {
    const log = recordingLogger()
    const cfg = config({
      models: [
        { name: 'other', path: tinyModel('other', 64, { [META_CONTRACT]: 'words-v9' }), input: 'hashed-ngrams-v1' },
        {
          name: 'small',
          path: tinyModel('small', 64, { [META_CONTRACT]: 'hashed-ngrams-v1', [META_BUCKETS]: '64' }),
          input: 'hashed-ngrams-v1',
        },
        { name: 'bare', path: tinyModel('bare', 64, {}), input: 'hashed-ngrams-v1' },
      ],
    })
    const outcome = await scanLogged(engine, await corpusMessage(SPAM[0]!), cfg, log)
    expect(outcome.status).toBe('skipped')
    const warnings = log.lines.filter((l) => l.level === 'warn').map((l) => l.message)
    expect(warnings).toEqual([
      expect.stringMatching(
        /other .* was trained on words-v9 features, but its configuration declares hashed-ngrams-v1/,
      ),
      expect.stringMatching(/small .* reads 64 feature buckets; hashed-ngrams-v1 has 262144/),
      expect.stringMatching(/bare .* has 64 weights; hashed-ngrams-v1 has 262144 feature buckets/),
    ])
  })

  it('scores with a model from elsewhere that declares the contract but carries no metadata', async () => {
    // No metadata and every weight 0.5: the probability is sigmoid(0.5 * sum of the values), above 0.5.
    const path = tinyModel('external', 1 << 18, {})
    const cfg = config({ models: [{ name: 'external', path, input: 'hashed-ngrams-v1' }] })
    const [finding] = await findings(HAM[0]!, cfg)
    expect(finding!.evidence.model).toBe('external')
    expect(finding!.evidence.probability as number).toBeGreaterThan(0.5)
  })
})

describe('model engine configuration', () => {
  it('defaults to the shipped model with its measured bands', () => {
    expect(config()).toEqual({
      models: [
        {
          name: 'moat-text',
          path: MOAT_TEXT_MODEL_PATH,
          input: 'hashed-ngrams-v1',
          bands: { spamLikely: 0.2, spam: 0.5, spamCertain: 0.9 },
          enabled: true,
        },
      ],
      evidenceTerms: 5,
    })
  })

  it('refuses an input contract Moat does not implement, naming those it does', () => {
    const parsed = ModelConfigSchema.safeParse({ models: [{ name: 'x', path: 'x.onnx', input: 'bert-tokens-v1' }] })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0]!.message).toBe(
      'not a feature contract Moat implements (it implements: hashed-ngrams-v1)',
    )
  })

  it('refuses bands that do not rise, repeated names and unknown keys', () => {
    const entry = { name: 'x', input: 'hashed-ngrams-v1' }
    expect(
      ModelConfigSchema.safeParse({ models: [{ ...entry, bands: { spamLikely: 0.6, spam: 0.5, spamCertain: 0.9 } }] })
        .success,
    ).toBe(false)
    expect(ModelConfigSchema.safeParse({ models: [entry, entry] }).success).toBe(false)
    expect(ModelConfigSchema.safeParse({ models: [{ ...entry, threshold: 0.5 }] }).success).toBe(false)
  })
})
