/** Vitest for the whole repository: unit tests beside the code, cross-part tests in test/. */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['*/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 30_000,
    // Rspamd and clamd for the tests that run the whole scanner (CLI, service, corpus).
    globalSetup: ['test/daemons.global-setup.ts'],
    hookTimeout: 120_000,
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
  },
})
