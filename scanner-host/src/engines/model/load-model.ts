/** loadModel: an .onnx file -> an onnxruntime session, its metadata and (for a linear graph) its weights; or why not. */
import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { InferenceSession } from 'onnxruntime-node'
import type { LinearModel } from '../../model/logistic.ts'
import { INDICES_INPUT, PROBABILITY_OUTPUT, VALUES_INPUT } from '../../model/onnx-names.ts'
import { readOnnxModel } from '../../model/onnx-reader.ts'

export interface LoadedModel {
  path: string
  session: InferenceSession
  metadata: Record<string, string>
  linear: LinearModel | null
}

/** A text model is a few MB; anything far larger is a wrong path, and reading it would stall the scanner. */
const MAX_MODEL_BYTES = 256 * 1024 * 1024

/**
 * One session per file: one thread, as a message's graph is a few thousand multiplications and a
 * thread pool would cost more than it saves; onnxruntime's own log kept to errors, as Moat logs
 * what matters in its own words.
 */
const SESSION_OPTIONS: InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
  logSeverityLevel: 3,
}

/** Throws an Error whose message is a plain sentence naming the file. */
export async function loadModel(path: string): Promise<LoadedModel> {
  const file = resolve(path)
  let bytes: Buffer
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new Error('it is not a file')
    if (info.size > MAX_MODEL_BYTES) throw new Error(`it is ${info.size} bytes, more than a text model can be`)
    bytes = await readFile(file)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new Error(
      `The model file ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read: ${reason(err)}`}.`,
      { cause: err },
    )
  }
  let info: ReturnType<typeof readOnnxModel>
  try {
    info = readOnnxModel(bytes)
  } catch (err) {
    throw new Error(`The model file ${file} is not an ONNX model: ${reason(err)}.`, { cause: err })
  }
  let session: InferenceSession
  try {
    session = await InferenceSession.create(bytes, SESSION_OPTIONS)
  } catch (err) {
    throw new Error(`onnxruntime could not load ${file}: ${reason(err)}.`, { cause: err })
  }
  const wrong = wrongInterface(session)
  if (wrong) {
    await session.release()
    throw new Error(`The model ${file} does not fit Moat's model interface: ${wrong}.`)
  }
  return { path: file, session, metadata: info.metadata, linear: info.linear }
}

/** Inputs `indices` (int64) and `values` (float32), output `probability`: what every feature contract feeds and reads. */
function wrongInterface(session: InferenceSession): string | null {
  const inputs = new Map(session.inputMetadata.map((m) => [m.name, m]))
  for (const [name, type] of [
    [INDICES_INPUT, 'int64'],
    [VALUES_INPUT, 'float32'],
  ] as const) {
    const input = inputs.get(name)
    if (!input) return `it has no input named ${name}`
    if (input.isTensor && input.type !== type) return `its input ${name} is ${input.type}, not ${type}`
  }
  if (inputs.size !== 2) return `it has inputs other than ${INDICES_INPUT} and ${VALUES_INPUT}`
  if (!session.outputNames.includes(PROBABILITY_OUTPUT)) return `it has no output named ${PROBABILITY_OUTPUT}`
  return null
}

/** The first line of an error, at most 200 characters: onnxruntime's messages can run long. */
export function reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err)
  const line = text.split('\n', 1)[0]!.trim()
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}
