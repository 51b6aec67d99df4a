import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { predict, trainLogistic } from './logistic.ts'
import { MOAT_TEXT_CARD_PATH, MOAT_TEXT_MODEL_PATH } from './moat-text.ts'
import { readOnnxModel } from './onnx-reader.ts'
import { MOAT_TEXT_TRAINING, trainTextModel } from './train.ts'

describe('trainTextModel', () => {
  it('gives the same bytes, model and card, when run twice on a small subset', async () => {
    const first = await trainTextModel({ limitPerGroup: 12 })
    const second = await trainTextModel({ limitPerGroup: 12 })
    expect(Buffer.from(second.onnx)).toEqual(Buffer.from(first.onnx))
    expect(JSON.stringify(second.card)).toBe(JSON.stringify(first.card))
    expect(first.card).toMatchObject({
      bytes: first.onnx.length,
      sha256: createHash('sha256').update(first.onnx).digest('hex'),
      training: { files: { 'easy-ham-1': 12, 'spam-1': 12 } },
      heldOut: { files: { 'easy-ham-2': 12, 'hard-ham-1': 12, 'spam-2': 12 } },
    })
    expect(readOnnxModel(first.onnx).metadata['moat.training_files']).toBe('easy-ham-1=12,spam-1=12')
  })

  it('wrote the shipped card for the shipped model', () => {
    const card = JSON.parse(readFileSync(MOAT_TEXT_CARD_PATH, 'utf8')) as Record<string, unknown>
    const bytes = readFileSync(MOAT_TEXT_MODEL_PATH)
    expect(card).toMatchObject({
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      input: { contract: 'hashed-ngrams-v1', buckets: 262144 },
      training: { options: MOAT_TEXT_TRAINING, files: { 'easy-ham-1': 2500, 'spam-1': 500 } },
    })
  })
})

describe('trainLogistic', () => {
  it('separates what can be separated, and the same seed gives the same weights', () => {
    const example = (index: number, spam: boolean) => ({
      vector: { indices: Int32Array.of(index, 7), values: Float32Array.of(1, 0.5) },
      spam,
    })
    const examples = [
      ...Array.from({ length: 20 }, () => example(1, true)),
      ...Array.from({ length: 20 }, () => example(2, false)),
    ]
    const model = trainLogistic(examples, 8, MOAT_TEXT_TRAINING)
    expect(predict(model, examples[0]!.vector)).toBeGreaterThan(0.9)
    expect(predict(model, examples[20]!.vector)).toBeLessThan(0.1)
    expect(trainLogistic(examples, 8, MOAT_TEXT_TRAINING)).toEqual(model)
    expect(trainLogistic(examples, 8, { ...MOAT_TEXT_TRAINING, seed: 2 })).not.toEqual(model)
  })
})
