/** readOnnxModel: the metadata and, for Moat's linear graph, the weights of an ONNX file, decoded without a runtime. */
import onnxProto from 'onnx-proto'
import type { LinearModel } from './logistic.ts'
import { BIAS_INITIALIZER, WEIGHTS_INITIALIZER } from './onnx-names.ts'

const { onnx } = onnxProto

export interface OnnxModelInfo {
  metadata: Record<string, string>
  /** The weights and bias when the graph holds float initializers by Moat's names; else null. */
  linear: LinearModel | null
}

/** Throws when `bytes` is not an ONNX model (a protobuf that does not decode). */
export function readOnnxModel(bytes: Uint8Array): OnnxModelInfo {
  const model = onnx.ModelProto.decode(bytes)
  const metadata: Record<string, string> = {}
  for (const { key, value } of model.metadataProps) if (key) metadata[key] = value ?? ''
  const initializers = model.graph?.initializer ?? []
  const weights = floats(initializers.find((t) => t.name === WEIGHTS_INITIALIZER))
  const bias = floats(initializers.find((t) => t.name === BIAS_INITIALIZER))
  const linear = weights && bias?.length === 1 ? { weights, bias: bias[0]! } : null
  return { metadata, linear }
}

/** A float tensor's values, from raw_data (little-endian) or float_data; null for anything else. */
function floats(tensor: onnxProto.onnx.ITensorProto | undefined): Float32Array | null {
  if (!tensor || tensor.dataType !== onnx.TensorProto.DataType.FLOAT) return null
  const raw = tensor.rawData
  if (raw && raw.length > 0) {
    if (raw.length % 4 !== 0) return null
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
    const out = new Float32Array(raw.length / 4)
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true)
    return out
  }
  return tensor.floatData && tensor.floatData.length > 0 ? Float32Array.from(tensor.floatData) : null
}
