import type { UsageSnapshot, UsageSnapshotRepository } from './usage.ts'

/** An application's dates, enough to place it on a weekly timeline. */
export interface DecisionRow {
  /** When it entered the review queue (confirmed e-mail). */
  confirmedAt: string
  decidedAt: string | null
  outcome: 'approved' | 'rejected' | 'pending'
}

/** Counts over the applications behind ready spaces, and decisions over time. */
export interface StatsRepository {
  /** Ready spaces grouped by a column of their application. */
  readyBy(column: 'structure_type' | 'budget_band'): Record<string, number>
  readySectors(): Record<string, number>
  readyBuckets(column: 'year_founded' | 'employees' | 'members' | 'beneficiaries', edges: readonly number[]): Record<string, number>
  /** Per month (YYYY-MM) of decision or submission: approved, rejected and pending counts. */
  decisionsByMonth(): { month: string; approved: number; rejected: number; pending: number }[]
  /** Confirmed applications touched since `since` (decided after it, or still undecided). */
  decisionRows(since: string): DecisionRow[]
}

export interface WeekCount {
  /** Monday of the week, YYYY-MM-DD (UTC). */
  week: string
  approved: number
  rejected: number
  /** Waiting for a decision at the end of the week. */
  pending: number
}

export interface FleetStatsView {
  spaces: { total: number; byStatus: Record<string, number> }
  byStructureType: Record<string, number>
  bySector: Record<string, number>
  byYearFounded: Record<string, number>
  byEmployees: Record<string, number>
  byMembers: Record<string, number>
  byBeneficiaries: Record<string, number>
  byBudgetBand: Record<string, number>
  applicationsByMonth: { month: string; approved: number; rejected: number; pending: number }[]
  applicationsByWeek: WeekCount[]
  /** From the last run of the statistics job; null until it has run once. */
  usage: UsageSnapshot | null
}

const WEEK = 7 * 86400_000

/** Monday 00:00 UTC of the week holding `d`. */
export function weekStart(d: Date): Date {
  const day = (d.getUTCDay() + 6) % 7
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day))
}

/** Approved and rejected per week of decision, and the backlog at each week's end, for the last `weeks` weeks. */
export function weeklyDecisions(rows: readonly DecisionRow[], now: Date, weeks: number): WeekCount[] {
  const first = weekStart(new Date(now.getTime() - (weeks - 1) * WEEK))
  const out: WeekCount[] = []
  for (let i = 0; i < weeks; i++) {
    const start = new Date(first.getTime() + i * WEEK).toISOString()
    const end = new Date(first.getTime() + (i + 1) * WEEK).toISOString()
    const c: WeekCount = { week: start.slice(0, 10), approved: 0, rejected: 0, pending: 0 }
    for (const r of rows) {
      if (r.decidedAt && r.decidedAt >= start && r.decidedAt < end && r.outcome !== 'pending') c[r.outcome]++
      if (r.confirmedAt < end && (!r.decidedAt || r.decidedAt >= end)) c.pending++
    }
    out.push(c)
  }
  return out
}

/**
 * Fleet statistics for the console and the API. Figures from the platform database are live
 * (one query each); usage comes from the snapshot the statistics job writes.
 */
export class FleetStats {
  constructor(
    private readonly repo: StatsRepository,
    private readonly registry: { list(): { status: string }[] },
    private readonly snapshots: UsageSnapshotRepository,
    private readonly clock: () => Date = () => new Date(),
    private readonly weeks = 12,
  ) {}

  view(): FleetStatsView {
    const byStatus: Record<string, number> = {}
    const spaces = this.registry.list()
    for (const s of spaces) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1
    const now = this.clock()
    const since = weekStart(new Date(now.getTime() - (this.weeks - 1) * WEEK)).toISOString()
    return {
      spaces: { total: spaces.length, byStatus },
      byStructureType: this.repo.readyBy('structure_type'),
      bySector: this.repo.readySectors(),
      byYearFounded: this.repo.readyBuckets('year_founded', [1900, 1950, 1980, 2000, 2010, 2020]),
      byEmployees: this.repo.readyBuckets('employees', [0, 1, 3, 10, 50]),
      byMembers: this.repo.readyBuckets('members', [0, 10, 50, 200, 1000]),
      byBeneficiaries: this.repo.readyBuckets('beneficiaries', [0, 10, 100, 1000, 10000]),
      byBudgetBand: this.repo.readyBy('budget_band'),
      applicationsByMonth: this.repo.decisionsByMonth(),
      applicationsByWeek: weeklyDecisions(this.repo.decisionRows(since), now, this.weeks),
      usage: this.snapshots.latest(),
    }
  }
}
