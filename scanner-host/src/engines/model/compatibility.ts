/** Whether a loaded model can be fed the features its config entry declares: a mismatch would score nonsense. */
import type { FeatureContract } from '../../model/feature-contracts.ts'
import { META_BUCKETS, META_CONTRACT } from '../../model/onnx-names.ts'
import type { LoadedModel } from './load-model.ts'

/**
 * Null when compatible, else why not. Moat's own models name their contract and bucket count in
 * metadata_props; a model from elsewhere without them is taken at its configuration's word, and
 * if its weights are fewer than the contract's buckets, its runs fail and are logged.
 */
export function incompatibility(name: string, model: LoadedModel, contract: FeatureContract): string | null {
  const declared = model.metadata[META_CONTRACT]
  if (declared !== undefined && declared !== contract.name) {
    return `The model ${name} (${model.path}) was trained on ${declared} features, but its configuration declares ${contract.name}.`
  }
  const buckets = model.metadata[META_BUCKETS]
  if (buckets !== undefined && Number(buckets) !== contract.buckets) {
    return `The model ${name} (${model.path}) reads ${buckets} feature buckets; ${contract.name} has ${contract.buckets}.`
  }
  if (model.linear && model.linear.weights.length !== contract.buckets) {
    return `The model ${name} (${model.path}) has ${model.linear.weights.length} weights; ${contract.name} has ${contract.buckets} feature buckets.`
  }
  return null
}
