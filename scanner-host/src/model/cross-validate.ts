/** Out-of-fold probabilities: each contiguous fold scored by a model trained on the others. */
import { predict, trainLogistic, type Example, type TrainOptions } from './logistic.ts'

/**
 * Folds are contiguous runs of the (time-ordered) examples, not a shuffle: neighbouring messages
 * of one campaign or thread stay on one side, as they would for a filter meeting new mail.
 */
export function outOfFold(
  examples: readonly Example[],
  buckets: number,
  options: TrainOptions,
  folds: number,
): number[] {
  const probabilities = new Array<number>(examples.length)
  for (let f = 0; f < folds; f++) {
    const lo = Math.floor((f * examples.length) / folds)
    const hi = Math.floor(((f + 1) * examples.length) / folds)
    const model = trainLogistic([...examples.slice(0, lo), ...examples.slice(hi)], buckets, options)
    for (let i = lo; i < hi; i++) probabilities[i] = predict(model, examples[i]!.vector)
  }
  return probabilities
}
