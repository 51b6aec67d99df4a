/** The engine contract: every engine reads a ParsedMessage and returns ok, skipped or error. */
import type { z } from 'zod'
import type { EngineErrorCode, Finding } from '@moat/contract'
import type { Limits } from '../limits.ts'
import type { Logger } from '../log.ts'
import type { ParsedMessage } from '../message/parsed-message.ts'
import type { Organization } from '../policy/organization.ts'

/** What an engine returns; the pipeline adds its name and duration to make an EngineResult. */
export type EngineOutcome =
  | { status: 'ok'; findings: Finding[] }
  | { status: 'skipped'; why: string }
  | { status: 'error'; errorCode?: EngineErrorCode; why: string }

/**
 * The engine's deadline. A timer cannot interrupt synchronous work, so loops over untrusted input
 * (archive entries, HTML tokens, URLs) must ask `passed()` as they go and stop when it says so.
 */
export interface Deadline {
  /** `performance.now()` value at which the engine's time is up. */
  readonly at: number
  /** True once the time is up (or the scan was aborted). */
  passed(): boolean
}

export interface EngineContext<C> {
  /** The engine's own configuration, validated by its `configSchema` when the policy loaded. */
  config: C
  /** Aborted when the engine's deadline passes: hand it to asynchronous I/O (fetch, sockets). */
  signal: AbortSignal
  /** The same deadline for synchronous loops, which never see the signal fire while they run. */
  deadline: Deadline
  limits: Limits
  /** Who the organization is: its domains and the people and domains to protect. */
  organization: Organization
  log: Logger
}

export interface Engine<C = unknown> {
  /** Kebab-case, stable: findings, policies and health pages refer to engines by name. */
  name: string
  /** One line for `moat engines` and health pages. */
  description: string
  /** Validates the `config` block of this engine in the policy; defaults fill what is missing. */
  configSchema: z.ZodType<C>
  /** The deadline when the policy sets none; 2 s (DEFAULT_ENGINE_TIMEOUT_MS) when left out. */
  defaultTimeoutMs?: number
  scan(message: ParsedMessage, ctx: EngineContext<C>): Promise<EngineOutcome>
  /**
   * How the engine's daemon, rules or model are doing, for `moat engines` and health pages.
   * Engines that need nothing outside the message leave it out. Must not throw.
   */
  health?(ctx: HealthContext<C>): Promise<EngineHealth>
  /** Releases what the engine holds (sockets, timers, file watchers, model sessions). */
  close?(): Promise<void>
}

export interface HealthContext<C> {
  config: C
  /** Aborted when the health check's own deadline passes. */
  signal: AbortSignal
  log: Logger
}

/** What `moat engines` prints for one engine. */
export interface EngineHealth {
  /** `ready`: answers scans; `degraded`: answers, but something is off (stale feed); `down`: every scan errors. */
  state: 'ready' | 'degraded' | 'down'
  /** The daemon's or library's version: `rspamd 3.4`, `ClamAV 1.4.6/27000`. */
  version?: string
  /** What is loaded, in a few words: `6 rules`, `2 signatures`, `model moat-text (262,144 features)`. */
  loaded?: string
  /** The last error seen, in a plain sentence, when there was one. */
  lastError?: string
}

/** Deadline of an engine when neither the policy nor the engine sets one. */
export const DEFAULT_ENGINE_TIMEOUT_MS = 2000

/** Identity helper that keeps an engine's config type tied to its schema. */
export function defineEngine<C>(engine: Engine<C>): Engine<C> {
  return engine
}

/** Shorthand for the usual outcome. */
export function ok(findings: Finding[]): EngineOutcome {
  return { status: 'ok', findings }
}

/** A deadline `timeoutMs` from now that also counts as passed once `signal` aborts. */
export function createDeadline(timeoutMs: number, signal?: AbortSignal): Deadline {
  const at = performance.now() + timeoutMs
  return { at, passed: () => (signal?.aborted ?? false) || performance.now() >= at }
}
