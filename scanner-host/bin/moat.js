#!/usr/bin/env node
// The moat command line: loads the TypeScript sources through tsx, then hands over to src/cli/main.ts.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
