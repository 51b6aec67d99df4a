/** Runs an ONNX session of a feature contract on one message's sparse vector: the engine's and the trainer's one way in. */
import { Tensor, type InferenceSession } from 'onnxruntime-node'
import { INDICES_INPUT, PROBABILITY_OUTPUT, VALUES_INPUT } from './onnx-names.ts'
import type { SparseVector } from './sparse-vector.ts'

/** The graph's `probability` for `vector`; throws when the session fails or answers something else. */
export async function sessionProbability(session: InferenceSession, vector: SparseVector): Promise<number> {
  const n = vector.indices.length
  const indices = new BigInt64Array(n)
  for (let i = 0; i < n; i++) indices[i] = BigInt(vector.indices[i]!)
  const result = await session.run({
    [INDICES_INPUT]: new Tensor('int64', indices, [n]),
    [VALUES_INPUT]: new Tensor('float32', vector.values, [n]),
  })
  const output = result[PROBABILITY_OUTPUT]
  const probability = output?.data instanceof Float32Array ? output.data[0] : undefined
  if (probability === undefined || !(probability >= 0 && probability <= 1)) {
    throw new Error(`the model's ${PROBABILITY_OUTPUT} output is not a probability`)
  }
  return probability
}
