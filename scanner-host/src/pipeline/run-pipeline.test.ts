import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineEngine, ok, type Engine } from '../engines/engine.ts'
import { DEFAULT_LIMITS } from '../limits.ts'
import { silentLogger } from '../log.ts'
import { parseMessage } from '../message/parse-message.ts'
import { EMPTY_ORGANIZATION } from '../policy/organization.ts'
import { PolicySchema } from '../policy/policy.ts'
import { PolicyError } from '../policy/load-policy.ts'
import { buildMessage } from '../testing/build-message.ts'
import { configureEngines } from './configure-engines.ts'
import { runPipeline } from './run-pipeline.ts'

const ctx = { limits: DEFAULT_LIMITS, organization: EMPTY_ORGANIZATION, log: silentLogger }
const message = await parseMessage(buildMessage({ text: 'hello' }))

function engine(name: string, scan: Engine<unknown>['scan']): Engine<unknown> {
  return defineEngine({ name, description: name, configSchema: z.unknown(), scan })
}
const run = (engines: Engine<unknown>[], timeoutMs = 200) =>
  runPipeline(
    message,
    engines.map((e) => ({ engine: e, config: {}, timeoutMs })),
    ctx,
  )

describe('runPipeline', () => {
  it('runs engines concurrently: each one waits for the other to have started', async () => {
    // A barrier: run one after the other, the first would wait forever and time out.
    const started = new Set<string>()
    const waitFor = (other: string) =>
      new Promise<void>((resolve) => {
        let polls = 0
        const check = () => (started.has(other) || ++polls > 1000 ? resolve() : setTimeout(check, 1))
        check()
      })
    const results = await run([
      engine('first', async () => {
        started.add('first')
        await waitFor('second')
        return started.has('second') ? ok([]) : { status: 'error', why: 'ran alone' }
      }),
      engine('second', async () => {
        started.add('second')
        await waitFor('first')
        return started.has('first') ? ok([]) : { status: 'error', why: 'ran alone' }
      }),
    ])
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok'])
  })

  it('turns a throw, a rejection and a timeout into errors, never into clean results', async () => {
    let aborted = false
    const results = await run([
      engine('throws', () => {
        throw new TypeError('bad state')
      }),
      engine('rejects', async () => Promise.reject(new Error('daemon gone'))),
      engine('hangs', (_m, c) => {
        c.signal.addEventListener('abort', () => (aborted = true))
        return new Promise(() => {})
      }),
      engine('late-reject', () => new Promise((_r, reject) => setTimeout(() => reject(new Error('late')), 300))),
    ])
    expect(results.map((r) => (r.status === 'error' ? r.errorCode : r.status))).toEqual([
      'Threw',
      'Threw',
      'Timeout',
      'Timeout',
    ])
    expect(results[0]).toMatchObject({ why: 'TypeError: bad state' })
    expect(aborted).toBe(true)
    await new Promise((r) => setTimeout(r, 150)) // the late rejection must not escape as unhandled
  })

  it('discards a result that a synchronous engine returns after its deadline', async () => {
    const [result] = await run(
      [
        engine('busy', async (_m, c) => {
          // Synchronous work the timer cannot interrupt, bounded by the engine's own deadline.
          while (!c.deadline.passed()) Math.sqrt(2)
          return ok([])
        }),
      ],
      50,
    )
    expect(result).toMatchObject({ status: 'error', errorCode: 'Timeout' })
    expect(result?.status === 'error' && result.why).toMatch(/past its 50 ms deadline/)
  })

  it('charges each engine its own time, not the synchronous work of the others', async () => {
    const busy = (ms: number) => {
      const until = performance.now() + ms
      while (performance.now() < until) Math.sqrt(2)
    }
    const results = await run([
      engine('quick', async () => ok([])),
      engine('heavy', async () => {
        busy(40)
        return ok([])
      }),
    ])
    const [quick, heavy] = results.map((r) => r.durationMs)
    expect(heavy).toBeGreaterThanOrEqual(40)
    expect(quick).toBeLessThan(heavy! / 2)
  })

  it('refuses an outcome that is not an object as an invalid result', async () => {
    const [result] = await run([engine('empty', async () => undefined as never)])
    expect(result).toMatchObject({ status: 'error', errorCode: 'InvalidResult' })
  })

  it('refuses a malformed finding as an invalid result', async () => {
    const [result] = await run([
      engine('sloppy', async () => ok([{ code: 'bad code', severity: 'high', text: '', evidence: {} }])),
    ])
    expect(result).toMatchObject({ status: 'error', errorCode: 'InvalidResult' })
  })

  it('keeps skipped apart from ok', async () => {
    const [result] = await run([engine('picky', async () => ({ status: 'skipped', why: 'no HTML part' }))])
    expect(result).toMatchObject({ status: 'skipped', why: 'no HTML part' })
  })
})

describe('configureEngines', () => {
  const configurable = defineEngine({
    name: 'configurable',
    description: 'x',
    configSchema: z.object({ level: z.number().default(1) }).strict(),
    async scan() {
      return ok([])
    },
  }) as Engine<unknown>

  it('validates engine config and names the bad key', () => {
    const policy = PolicySchema.parse({ engines: { configurable: { config: { level: 'high' } } } })
    expect(() => configureEngines(policy, [configurable])).toThrow(/engines\.configurable\.config: level/)
  })

  it('refuses unknown engines and disabled critical engines', () => {
    expect(() => configureEngines(PolicySchema.parse({ engines: { nope: {} } }), [configurable])).toThrow(PolicyError)
    const disabled = PolicySchema.parse({
      criticalEngines: ['configurable'],
      engines: { configurable: { enabled: false } },
    })
    expect(() => configureEngines(disabled, [configurable])).toThrow(/critical but disabled/)
  })

  it('stands in for a missing critical engine with one that always fails', async () => {
    const configured = configureEngines(PolicySchema.parse({ criticalEngines: ['rspamd'] }), [configurable])
    expect(configured.map((c) => c.engine.name)).toEqual(['configurable', 'rspamd'])
    const results = await runPipeline(message, configured, ctx)
    expect(results[1]).toMatchObject({ engine: 'rspamd', status: 'error', errorCode: 'Unavailable' })
  })
})
