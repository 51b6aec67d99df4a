/** Logistic regression on sparse vectors, trained by seeded Adagrad with L2: deterministic to the bit. */
import { mulberry32, shuffle } from './seeded-random.ts'
import type { SparseVector } from './sparse-vector.ts'

export interface TrainOptions {
  epochs: number
  /** Adagrad's base step. */
  learningRate: number
  /** L2 penalty per weight, applied when its feature is seen (lazy, as usual for sparse SGD). */
  l2: number
  /** Seeds the order of examples in each epoch. */
  seed: number
  /** Weight of a spam example's loss against a ham example's 1; ham is the more costly side to get wrong. */
  spamWeight: number
}

export interface Example {
  vector: SparseVector
  spam: boolean
}

export interface LinearModel {
  /** One weight per bucket, float32 as the ONNX graph stores it. */
  weights: Float32Array
  bias: number
}

/** Adagrad's guard against dividing by a zero gradient sum. */
const EPSILON = 1e-8

/**
 * Fits w and b to minimise the weighted log loss over `examples` plus L2. Double precision while
 * training; the result is rounded to float32, and scoring (here and in ONNX) uses the rounded values.
 * Same examples, options and buckets: the same weights, bit for bit (no threads, no clock).
 */
export function trainLogistic(examples: readonly Example[], buckets: number, o: TrainOptions): LinearModel {
  const w = new Float64Array(buckets)
  const g2 = new Float64Array(buckets)
  let b = 0
  let gb2 = 0
  const random = mulberry32(o.seed)
  const order = examples.map((_, i) => i)
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, random)
    for (const i of order) {
      const { vector, spam } = examples[i]!
      const { indices, values } = vector
      let z = b
      for (let k = 0; k < indices.length; k++) z += w[indices[k]!]! * values[k]!
      const weight = spam ? o.spamWeight : 1
      const g = weight * (sigmoid(z) - (spam ? 1 : 0))
      for (let k = 0; k < indices.length; k++) {
        const j = indices[k]!
        const grad = g * values[k]! + o.l2 * w[j]!
        g2[j] = g2[j]! + grad * grad
        w[j] = w[j]! - (o.learningRate * grad) / (Math.sqrt(g2[j]!) + EPSILON)
      }
      gb2 += g * g
      b -= (o.learningRate * g) / (Math.sqrt(gb2) + EPSILON)
    }
  }
  return { weights: Float32Array.from(w), bias: Math.fround(b) }
}

/** The model's spam probability for `vector`, in float32 steps as onnxruntime computes it (to rounding). */
export function predict(model: LinearModel, vector: SparseVector): number {
  return sigmoid(logit(model, vector))
}

export function logit(model: LinearModel, vector: SparseVector): number {
  let z = 0
  for (let k = 0; k < vector.indices.length; k++) z += model.weights[vector.indices[k]!]! * vector.values[k]!
  return z + model.bias
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z))
}
