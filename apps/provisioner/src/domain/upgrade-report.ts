import type { Upgrade, UpgradeCounts, UpgradeSpace } from './upgrade-ports.ts'

export interface UpgradeReport {
  id: number
  status: Upgrade['status']
  schemaVersion: string
  attempt: number
  startedBy: string
  createdAt: string
  finishedAt: string | null
  haltReason: string | null
  maxFailures: number
  concurrency: number
  /** Time spent running, over every attempt (a retry adds its own time). */
  totalMs: number
  counts: UpgradeCounts
  /** Share of the spaces dealt with (done, failed or skipped), 0–100. */
  percent: number
  downtime: { maxMs: number; p95Ms: number; meanMs: number; measured: number }
  failures: { slug: string; error: string }[]
}

/** The nearest-rank percentile of some values (0 for none). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

const round = (ms: number) => Math.round(ms * 100) / 100

/** Summarises an upgrade for the console and the API. */
export function upgradeReport(u: Upgrade, counts: UpgradeCounts, downtimes: readonly number[], failed: readonly UpgradeSpace[], now: Date): UpgradeReport {
  const running = u.status === 'running' ? Math.max(0, now.getTime() - Date.parse(u.attemptStartedAt)) : 0
  const handled = counts.done + counts.failed + counts.skipped
  return {
    id: u.id, status: u.status, schemaVersion: u.schemaVersion, attempt: u.attempt, startedBy: u.startedBy,
    createdAt: u.createdAt, finishedAt: u.finishedAt, haltReason: u.haltReason, maxFailures: u.maxFailures, concurrency: u.lanes,
    totalMs: u.elapsedMs + running,
    counts,
    percent: counts.total ? Math.floor((handled / counts.total) * 100) : 100,
    downtime: {
      maxMs: round(Math.max(0, ...downtimes)),
      p95Ms: round(percentile(downtimes, 95)),
      meanMs: round(downtimes.length ? downtimes.reduce((a, b) => a + b, 0) / downtimes.length : 0),
      measured: downtimes.length,
    },
    failures: failed.map((s) => ({ slug: s.slug, error: s.error ?? '' })),
  }
}
