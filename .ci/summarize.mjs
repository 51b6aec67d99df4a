// Prints the plain "N passed, N failed" line CI reads, from Vitest's JSON report.
// Exits 1 when the report is missing (the run broke before testing) or anything failed.
import { readFileSync } from 'node:fs'

const path = process.argv[2] ?? '.reports/vitest.json'
let report
try {
  report = JSON.parse(readFileSync(path, 'utf8'))
} catch {
  console.log('0 passed, 1 failed')
  console.error(`no test report at ${path}: the run stopped before the tests finished`)
  process.exit(1)
}
const passed = report.numPassedTests ?? 0
// A test file that fails to load has no failed test of its own; count it so it cannot pass silently.
const failed = (report.numFailedTests ?? 0) + countFilesThatFailedToLoad(report)
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)

function countFilesThatFailedToLoad(r) {
  return (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length
}
