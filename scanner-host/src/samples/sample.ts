/** Sample: a crafted message with the reasons and action Moat must give it. */
import type { Action } from '@moat/contract'

export interface Sample {
  /** File name without extension. */
  name: string
  /** What the sample shows. */
  about: string
  raw: Buffer
  /** Codes that must be among the reasons (under examples/policy.yaml). */
  codes: string[]
  action: Action
}
