/** `moat engines`: each engine with its state under the current policy, asked live (daemons, rules, models). */
import { parseArgs } from 'node:util'
import { builtinEngines } from '../engines/registry.ts'
import type { EngineHealth } from '../engines/engine.ts'
import { checkHealth } from '../pipeline/engine-health.ts'
import { createScanner } from '../pipeline/scan-message.ts'
import { silentLogger } from '../log.ts'
import { loadPolicyOption, openStateOption } from './load-scanner.ts'

interface EngineRow {
  name: string
  /** `disabled` by policy, else what the engine's health check said. */
  state: EngineHealth['state'] | 'disabled'
  critical: boolean
  timeoutMs: number | null
  description: string
  version?: string
  loaded?: string
  lastError?: string
}

export async function enginesCommand(args: string[], io: { stdout: (text: string) => void }): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { policy: { type: 'string' }, json: { type: 'boolean', default: false } },
  })
  const policy = await loadPolicyOption(values.policy)
  const state = await openStateOption(false)
  const available = builtinEngines(state)
  const scanner = createScanner({ policy, engines: available, log: silentLogger })
  let rows: EngineRow[]
  try {
    const health = new Map((await checkHealth(scanner.engines, silentLogger)).map((row) => [row.name, row.health]))
    rows = [...available, ...scanner.engines.map((c) => c.engine)]
      .filter((engine, i, all) => all.findIndex((e) => e.name === engine.name) === i)
      .map((engine) => {
        const configured = scanner.engines.find((c) => c.engine.name === engine.name)
        return {
          name: engine.name,
          critical: policy.criticalEngines.includes(engine.name),
          timeoutMs: configured?.timeoutMs ?? null,
          description: configured?.engine.description ?? engine.description,
          ...(health.get(engine.name) ?? { state: 'disabled' as const }),
        }
      })
  } finally {
    await scanner.close()
    state?.close()
  }
  if (values.json) {
    for (const row of rows) io.stdout(JSON.stringify(row))
    return 0
  }
  for (const row of rows) {
    const flags = `${row.state}${row.critical ? ', critical' : ''}${row.timeoutMs ? `, ${row.timeoutMs} ms deadline` : ''}`
    io.stdout(`${row.name.padEnd(14)} ${flags.padEnd(34)} ${row.description}`)
    const details = [row.version, row.loaded].filter(Boolean).join('; ')
    if (details) io.stdout(`${''.padEnd(14)} ${details}`)
    if (row.lastError) io.stdout(`${''.padEnd(14)} last error: ${row.lastError}`)
  }
  return 0
}
