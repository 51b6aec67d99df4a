/** The model engine: ONNX text models Moat trains (moat-text) or is configured with, by declared feature contract. */
export { createModelEngine } from './engine.ts'
export { ModelConfigSchema, ModelEntrySchema, type ModelConfig, type ModelEntry } from './config.ts'
export { MODEL_FINDING_CODES, bandOf, type ModelFindingCode } from './findings.ts'
