import { readFileSync } from 'node:fs'
import { InferenceSession } from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { corpusMessage } from '../engines/model/testing/scan-logged.ts'
import { HASHED_NGRAMS_V1 } from './feature-contracts.ts'
import { logit, predict, type LinearModel } from './logistic.ts'
import { MOAT_TEXT_MODEL_PATH } from './moat-text.ts'
import { META_BUCKETS, META_CONTRACT } from './onnx-names.ts'
import { readOnnxModel } from './onnx-reader.ts'
import { sessionProbability } from './onnx-score.ts'
import { linearModelToOnnx } from './onnx-writer.ts'
import { mulberry32 } from './seeded-random.ts'
import type { SparseVector } from './sparse-vector.ts'

const MESSAGES = [
  'spam-2/00770.d68f06d3996c8876e17a45b3ec3a89b5.txt',
  'spam-2/01230.0589bade8df0c343a49c6712f62dfca0.txt',
  'easy-ham-2/01148.5d8311cf27db42e943c7f668e721db1b.txt',
  'hard-ham-1/00001.7c7d6921e671bbe18ebb5f893cd9bb35.txt',
  'easy-ham-1/00001.7c53336b37003a9286aba55d2945844c.txt',
]

function randomModel(buckets: number, seed: number): LinearModel {
  const random = mulberry32(seed)
  return { weights: Float32Array.from({ length: buckets }, () => random() * 4 - 2), bias: Math.fround(random() - 0.5) }
}

function randomVector(buckets: number, n: number, random: () => number): SparseVector {
  const indices = Int32Array.from(new Set(Array.from({ length: n }, () => Math.floor(random() * buckets)))).sort()
  return { indices, values: Float32Array.from(indices, () => random()) }
}

describe('the ONNX graph of a linear model', () => {
  it('computes what the TypeScript model does, to 1e-5, on the shipped model and real messages', async () => {
    const bytes = readFileSync(MOAT_TEXT_MODEL_PATH)
    const { linear } = readOnnxModel(bytes)
    const session = await InferenceSession.create(bytes)
    try {
      const seen = []
      for (const id of MESSAGES) {
        const { vector } = HASHED_NGRAMS_V1.extract(await corpusMessage(id))
        const graph = await sessionProbability(session, vector)
        expect(Math.abs(graph - predict(linear!, vector))).toBeLessThan(1e-5)
        seen.push(graph)
      }
      // Both sides of 0.5 were compared, not only saturated ends.
      expect(Math.max(...seen)).toBeGreaterThan(0.9)
      expect(Math.min(...seen)).toBeLessThan(0.1)
    } finally {
      await session.release()
    }
  })

  it('computes what the TypeScript model does on random models and vectors, empty vectors included', async () => {
    const buckets = 1024
    const model = randomModel(buckets, 7)
    const session = await InferenceSession.create(linearModelToOnnx(model, {}))
    try {
      const random = mulberry32(8)
      for (const n of [0, 1, 5, 50, 500]) {
        const vector = randomVector(buckets, n, random)
        expect(Math.abs((await sessionProbability(session, vector)) - predict(model, vector))).toBeLessThan(1e-5)
      }
      expect(logit(model, { indices: new Int32Array(0), values: new Float32Array(0) })).toBe(model.bias)
    } finally {
      await session.release()
    }
  })

  it('is read back with its weights, bias and metadata, and written the same bytes every time', () => {
    const model = randomModel(256, 3)
    const metadata = { 'z.last': 'z', [META_CONTRACT]: 'hashed-ngrams-v1', 'a.first': 'a' }
    const bytes = linearModelToOnnx(model, metadata)
    expect(Buffer.from(linearModelToOnnx(model, { ...metadata }))).toEqual(Buffer.from(bytes))
    const info = readOnnxModel(bytes)
    expect(info.linear).toEqual(model)
    expect(info.metadata).toEqual(metadata)
    expect(Object.keys(info.metadata)).toEqual(['a.first', META_CONTRACT, 'z.last'])
  })

  it('ships with its contract, bucket count and training data in its metadata', () => {
    const { metadata, linear } = readOnnxModel(readFileSync(MOAT_TEXT_MODEL_PATH))
    expect(metadata[META_CONTRACT]).toBe('hashed-ngrams-v1')
    expect(metadata[META_BUCKETS]).toBe('262144')
    expect(metadata['moat.training_files']).toBe('easy-ham-1=2500,spam-1=500')
    expect(metadata['moat.training_files_sha256']).toMatch(/^[0-9a-f]{64}$/)
    expect(linear!.weights.length).toBe(262144)
  })

  it('is refused when the bytes are not a model', () => {
    expect(() => readOnnxModel(Buffer.from('not a protobuf at all, not even close'))).toThrow()
  })
})
