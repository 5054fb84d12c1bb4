import { defineConfig } from 'vitest/config'

// Browser tests: real Debian Chromium driven by playwright-core against the harness. One file at a time:
// each file starts its own harness and Chromium, and the machine has 2 cores.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/summary-reporter.mjs']
  }
})
