/** Counts over the applications behind ready spaces, and decisions over time. */
export interface StatsRepository {
  /** Ready spaces grouped by a column of their application. */
  readyBy(column: 'structure_type' | 'budget_band'): Record<string, number>
  readySectors(): Record<string, number>
  readyBuckets(column: 'year_founded' | 'employees' | 'members' | 'beneficiaries', edges: readonly number[]): Record<string, number>
  /** Per month (YYYY-MM) of decision or submission: approved, rejected and pending counts. */
  decisionsByMonth(): { month: string; approved: number; rejected: number; pending: number }[]
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
}

/** Fleet statistics for the console and the API. Usage figures (accounts, disk, logins) come with the upgrade job. */
export class FleetStats {
  constructor(private readonly repo: StatsRepository, private readonly registry: { list(): { status: string }[] }) {}

  view(): FleetStatsView {
    const byStatus: Record<string, number> = {}
    const spaces = this.registry.list()
    for (const s of spaces) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1
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
    }
  }
}
