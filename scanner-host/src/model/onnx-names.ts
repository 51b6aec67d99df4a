/** Names shared by the ONNX writer, its reader and the engine: the graph's side of a feature contract. */

/** Inputs: bucket indices (int64 [N]) and their values (float [N]) of one message. */
export const INDICES_INPUT = 'indices'
export const VALUES_INPUT = 'values'
/** Output: the spam probability, float [1]. */
export const PROBABILITY_OUTPUT = 'probability'
/** Initializers of the linear graph; a model from elsewhere may have others, and then explains nothing. */
export const WEIGHTS_INITIALIZER = 'weights'
export const BIAS_INITIALIZER = 'bias'

/** metadata_props keys Moat writes and checks. */
export const META_CONTRACT = 'moat.feature_contract'
export const META_BUCKETS = 'moat.feature_buckets'
