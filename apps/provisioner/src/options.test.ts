import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '@maison/config'
import { DEFAULT_OPTIONS, optionsFromConfig } from './options.ts'

describe('provisioner options from PROVISION_* variables', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_OPTIONS).toMatchObject({
      thresholds: { maxEmployees: 10, maxBudgetBand: '50k_200k', minMembers: 2 }, graceDays: 30, applyPerHour: 5, sweepMs: 60_000,
      provisionConcurrency: 4, lockDurationMs: 30_000, upgrade: { concurrency: 4, maxFailures: 10, lockDurationMs: 600_000 },
      importMaxBytes: 64 * 1024 ** 3,
      retention: { completedAgeSeconds: 86_400, completedCount: 2000, failedAgeSeconds: 30 * 86_400, failedCount: 10_000 },
      stats: { intervalMs: 3_600_000, concurrency: 4 },
    })
  })

  it('reads every variable', () => {
    const o = optionsFromConfig(loadConfig({
      PROVISION_WARN_EMPLOYEES: '3', PROVISION_WARN_BUDGET_BAND: 'over_1m', PROVISION_WARN_MIN_MEMBERS: '0', PROVISION_UPGRADE_MAX_FAILURES: '2',
      PROVISION_UPGRADE_CONCURRENCY: '8', PROVISION_KEEP_COMPLETED_HOURS: '1', PROVISION_KEEP_FAILED: '7', PROVISION_STATS_INTERVAL_MINUTES: '5',
      PROVISION_APPLY_PER_HOUR: '20', PROVISION_GRACE_DAYS: '7', PROVISION_LOCK_MS: '5000', SPACE_QUOTA: '1GB',
      PROVISION_UPGRADE_LOCK_MS: '120000', PROVISION_IMPORT_MAX_BYTES: '2GB',
    }))
    expect(o).toMatchObject({
      thresholds: { maxEmployees: 3, maxBudgetBand: 'over_1m', minMembers: 0 }, upgrade: { concurrency: 8, maxFailures: 2, lockDurationMs: 120_000 }, importMaxBytes: 2 * 1024 ** 3,
      retention: { completedAgeSeconds: 3600, failedCount: 7 }, stats: { intervalMs: 300_000 }, applyPerHour: 20, graceDays: 7,
      lockDurationMs: 5000, defaults: { quotaBytes: 1024 ** 3 },
    })
  })

  it('refuses bad values, naming each variable', () => {
    expect(() => loadConfig({ PROVISION_WARN_BUDGET_BAND: 'huge', PROVISION_UPGRADE_MAX_FAILURES: '0', PROVISION_CONCURRENCY: 'four' }))
      .toThrow(ConfigError)
    try {
      loadConfig({ PROVISION_WARN_BUDGET_BAND: 'huge', PROVISION_UPGRADE_MAX_FAILURES: '0', PROVISION_CONCURRENCY: 'four' })
    } catch (err) {
      expect((err as Error).message).toMatch(/PROVISION_WARN_BUDGET_BAND/)
      expect((err as Error).message).toMatch(/PROVISION_UPGRADE_MAX_FAILURES/)
      expect((err as Error).message).toMatch(/PROVISION_CONCURRENCY/)
    }
  })
})
