/** linearModelToOnnx: a sparse linear model -> ONNX bytes (Gather, Mul, ReduceSum, Add, Sigmoid), byte-reproducible. */
import onnxProto from 'onnx-proto'
import type { LinearModel } from './logistic.ts'
import { BIAS_INITIALIZER, INDICES_INPUT, PROBABILITY_OUTPUT, VALUES_INPUT, WEIGHTS_INITIALIZER } from './onnx-names.ts'

const { onnx } = onnxProto
const FLOAT = onnx.TensorProto.DataType.FLOAT
const INT64 = onnx.TensorProto.DataType.INT64

/**
 * IR 7 with opset 13 (ONNX 1.8): the oldest pair in which every operator here has its current
 * form, so the graph loads in any runtime of the last years; onnxruntime-node 1.30 runs it.
 */
export const IR_VERSION = 7
export const OPSET_VERSION = 13

/**
 * The graph: probability = sigmoid(sum(weights[indices] * values) + bias), for one message given
 * as its sparse features. `metadata` goes to metadata_props in key order, and nothing in the
 * output depends on the clock or the machine, so the same model gives the same bytes.
 */
export function linearModelToOnnx(model: LinearModel, metadata: Readonly<Record<string, string>>): Uint8Array {
  const n = { dimParam: 'N' }
  const proto = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET_VERSION }],
    producerName: 'moat',
    metadataProps: Object.keys(metadata)
      .sort()
      .map((key) => ({ key, value: metadata[key]! })),
    graph: {
      name: 'sparse_logistic_regression',
      docString: 'probability = sigmoid(sum(weights[indices] * values) + bias)',
      initializer: [
        floatTensor(WEIGHTS_INITIALIZER, model.weights),
        floatTensor(BIAS_INITIALIZER, Float32Array.of(model.bias)),
      ],
      node: [
        node('Gather', [WEIGHTS_INITIALIZER, INDICES_INPUT], ['gathered']),
        node('Mul', ['gathered', VALUES_INPUT], ['products']),
        // No axes: every axis is reduced; keepdims leaves shape [1] for the 1-D input.
        node(
          'ReduceSum',
          ['products'],
          ['dot'],
          [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
        ),
        node('Add', ['dot', BIAS_INITIALIZER], ['logit']),
        node('Sigmoid', ['logit'], [PROBABILITY_OUTPUT]),
      ],
      input: [tensorInfo(INDICES_INPUT, INT64, [n]), tensorInfo(VALUES_INPUT, FLOAT, [n])],
      output: [tensorInfo(PROBABILITY_OUTPUT, FLOAT, [{ dimValue: 1 }])],
    },
  })
  return onnx.ModelProto.encode(proto).finish()
}

/** Little-endian whatever the machine, as ONNX raw_data is defined. */
function floatTensor(name: string, values: Float32Array): onnxProto.onnx.ITensorProto {
  const bytes = new Uint8Array(values.length * 4)
  const view = new DataView(bytes.buffer)
  values.forEach((v, i) => view.setFloat32(i * 4, v, true))
  return { name, dataType: FLOAT, dims: [values.length], rawData: bytes }
}

function node(
  opType: string,
  input: string[],
  output: string[],
  attribute: onnxProto.onnx.IAttributeProto[] = [],
): onnxProto.onnx.INodeProto {
  return { opType, name: opType.toLowerCase(), input, output, attribute }
}

function tensorInfo(
  name: string,
  elemType: number,
  dim: onnxProto.onnx.TensorShapeProto.IDimension[],
): onnxProto.onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim } } } }
}
