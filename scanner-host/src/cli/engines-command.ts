/** `moat engines`: each engine with its state under the current policy. */
import { parseArgs } from 'node:util'
import { builtinEngines } from '../engines/registry.ts'
import { createScanner } from '../pipeline/scan-message.ts'
import { silentLogger } from '../log.ts'
import { loadPolicyOption, openStateOption } from './load-scanner.ts'

export async function enginesCommand(args: string[], io: { stdout: (text: string) => void }): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { policy: { type: 'string' }, json: { type: 'boolean', default: false } },
  })
  const policy = await loadPolicyOption(values.policy)
  const state = await openStateOption(false)
  const available = builtinEngines(state)
  state?.close()
  const scanner = createScanner({ policy, engines: available, log: silentLogger })
  const enabled = new Set(scanner.engines.map((c) => c.engine.name))
  const rows = [...available.map((e) => e.name), ...policy.criticalEngines]
    .filter((name, i, all) => all.indexOf(name) === i)
    .map((name) => {
      const engine = available.find((e) => e.name === name)
      const configured = scanner.engines.find((c) => c.engine.name === name)
      const state = !engine ? 'missing' : enabled.has(name) ? 'ready' : 'disabled'
      return {
        name,
        state,
        critical: policy.criticalEngines.includes(name),
        timeoutMs: configured?.timeoutMs ?? null,
        description: engine?.description ?? 'not available on this scanner host',
      }
    })
  if (values.json) {
    for (const row of rows) io.stdout(JSON.stringify(row))
    return 0
  }
  for (const row of rows) {
    const flags = `${row.state}${row.critical ? ', critical' : ''}${row.timeoutMs ? `, ${row.timeoutMs} ms deadline` : ''}`
    io.stdout(`${row.name.padEnd(14)} ${flags.padEnd(34)} ${row.description}`)
  }
  return 0
}
