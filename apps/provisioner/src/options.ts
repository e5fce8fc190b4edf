import { loadConfig, type Config } from '@maison/config'
import type { EligibilityThresholds } from './domain/eligibility.ts'
import type { SpaceDefaults } from './domain/provisioning.ts'

/** Trimming of finished BullMQ jobs, by age and count, so Redis does not grow with the fleet. */
export interface JobRetention {
  completedAgeSeconds: number
  completedCount: number
  failedAgeSeconds: number
  failedCount: number
}

/** Everything tunable in the provisioner; built from the PROVISION_* variables by `optionsFromConfig`. */
export interface ProvisionerOptions {
  thresholds: EligibilityThresholds
  defaults: SpaceDefaults
  graceDays: number
  /** Applications accepted per address and hour. */
  applyPerHour: number
  /** How often approved applications without a job are queued again. */
  sweepMs: number
  /** Applications untouched for this long are checked by the sweep. */
  sweepStaleMs: number
  provisionConcurrency: number
  /** A killed worker's jobs are taken over once their lock expires; steps are idempotent, so let them stall often. */
  lockDurationMs: number
  stalledIntervalMs: number
  maxStalledCount: number
  retention: JobRetention
  /**
   * Lanes: spaces migrated at once across every worker process; the upgrade halts at maxFailures failed spaces.
   * A lane's lock outlasts the slowest migration: a migration blocks the event loop, so renewal stops while it runs.
   */
  upgrade: { concurrency: number; maxFailures: number; lockDurationMs: number }
  /** Largest archive upload (compressed bytes) the import API takes. */
  importMaxBytes: number
  stats: { intervalMs: number; concurrency: number }
  /** Crash-test control run only. */
  guards: boolean
}

/** The provisioner's options from the parsed configuration (the defaults live in @maison/config). */
export function optionsFromConfig(c: Config): ProvisionerOptions {
  return {
    thresholds: { maxEmployees: c.PROVISION_WARN_EMPLOYEES, maxBudgetBand: c.PROVISION_WARN_BUDGET_BAND, minMembers: c.PROVISION_WARN_MIN_MEMBERS },
    defaults: {
      quotaBytes: c.SPACE_QUOTA,
      maxAccounts: c.SPACE_MAX_ACCOUNTS,
      apps: ['files', 'events', 'members', 'visuals'],
      folders: { en: ['Documents', 'Photos', 'Shared'], fr: ['Documents', 'Photos', 'Partage'] },
      adminUsername: 'admin',
    },
    graceDays: c.PROVISION_GRACE_DAYS,
    applyPerHour: c.PROVISION_APPLY_PER_HOUR,
    sweepMs: c.PROVISION_SWEEP_MS,
    sweepStaleMs: c.PROVISION_SWEEP_STALE_MS,
    provisionConcurrency: c.PROVISION_CONCURRENCY,
    lockDurationMs: c.PROVISION_LOCK_MS,
    stalledIntervalMs: c.PROVISION_STALLED_INTERVAL_MS,
    maxStalledCount: c.PROVISION_MAX_STALLED,
    retention: {
      completedAgeSeconds: c.PROVISION_KEEP_COMPLETED_HOURS * 3600,
      completedCount: c.PROVISION_KEEP_COMPLETED,
      failedAgeSeconds: c.PROVISION_KEEP_FAILED_DAYS * 86400,
      failedCount: c.PROVISION_KEEP_FAILED,
    },
    upgrade: { concurrency: c.PROVISION_UPGRADE_CONCURRENCY, maxFailures: c.PROVISION_UPGRADE_MAX_FAILURES, lockDurationMs: c.PROVISION_UPGRADE_LOCK_MS },
    importMaxBytes: c.PROVISION_IMPORT_MAX_BYTES,
    stats: { intervalMs: c.PROVISION_STATS_INTERVAL_MINUTES * 60_000, concurrency: c.PROVISION_STATS_CONCURRENCY },
    guards: true,
  }
}

/** The defaults of every PROVISION_* variable (no environment read). */
export const DEFAULT_OPTIONS: ProvisionerOptions = optionsFromConfig(loadConfig({}))
