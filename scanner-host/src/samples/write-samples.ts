/** Writes the crafted samples as .eml files to a folder: `npm run samples [-- DIR]` (default samples/). */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { buildSamples } from './samples.ts'

const dir = resolve(process.argv[2] ?? 'samples')
mkdirSync(dir, { recursive: true })
for (const sample of buildSamples()) {
  writeFileSync(join(dir, `${sample.name}.eml`), sample.raw)
  console.log(`${sample.name}.eml`.padEnd(32), `${sample.action.padEnd(11)} ${sample.about}`)
}
console.log(`wrote to ${dir}; scan them with: npx moat scan --policy examples/policy.yaml ${dir}`)
