/** Every crafted sample, one or more per heuristic, judged under examples/policy.yaml. */
import { attachmentSamples } from './attachment-samples.ts'
import { contentSamples } from './content-samples.ts'
import type { Sample } from './sample.ts'
import { senderSamples } from './sender-samples.ts'

export type { Sample } from './sample.ts'

/** All samples; built on each call (a few hundred KB in all). */
export function buildSamples(): Sample[] {
  return [...senderSamples(), ...attachmentSamples(), ...contentSamples()]
}
