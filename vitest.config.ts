import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['apps/**/*.test.ts', 'packages/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'bench/**'],
    // Native modules (better-sqlite3) and child processes behave best in forked workers.
    pool: 'forks',
    // The CI machine has 2 cores; more workers only make integration tests time out.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
})
