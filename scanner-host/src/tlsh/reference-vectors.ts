/** Test support: the reference 4.x vectors in shared/data/tlsh beside the repository (see its README.md). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The vectors' folder; the expected files name inputs relative to it (`example_data/NAME`). */
export const VECTORS = fileURLToPath(new URL('../../../../shared/data/tlsh/', import.meta.url))

/** Tab-separated lines of one of the expected files in exp/. */
export function expectedLines(file: string): string[][] {
  return readFileSync(join(VECTORS, 'exp', file), 'latin1')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
}

/** The reference's digest of each example file. */
export function expectedHashes(): { hash: string; name: string }[] {
  return expectedLines('example_data.128.1.len.out_EXP').map(([hash, name]) => ({ hash: hash!, name: name! }))
}
