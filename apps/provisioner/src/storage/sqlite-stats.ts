import type { Db } from '@maison/db'
import type { DecisionRow, StatsRepository } from '../domain/stats.ts'

const toRecord = (rows: { k: string; n: number }[]): Record<string, number> => Object.fromEntries(rows.map((r) => [r.k, r.n]))

export class SqliteStats implements StatsRepository {
  constructor(private readonly db: Db) {}

  readyBy(column: 'structure_type' | 'budget_band'): Record<string, number> {
    return toRecord(this.db.prepare(`SELECT ${column} AS k, count(*) AS n FROM prov_applications WHERE status = 'ready' GROUP BY k`).all() as { k: string; n: number }[])
  }

  readySectors(): Record<string, number> {
    return toRecord(this.db.prepare(`SELECT j.value AS k, count(*) AS n FROM prov_applications a, json_each(a.sectors) j
        WHERE a.status = 'ready' GROUP BY k`).all() as { k: string; n: number }[])
  }

  readyBuckets(column: 'year_founded' | 'employees' | 'members' | 'beneficiaries', edges: readonly number[]): Record<string, number> {
    const values = (this.db.prepare(`SELECT ${column} AS v FROM prov_applications WHERE status = 'ready'`).all() as { v: number }[]).map((r) => r.v)
    const labels = edges.map((e, i) => (i + 1 < edges.length ? `${e}–${edges[i + 1]! - 1}` : `${e}+`))
    const out: Record<string, number> = Object.fromEntries(labels.map((l) => [l, 0]))
    for (const v of values) {
      let i = edges.length - 1
      while (i > 0 && v < edges[i]!) i--
      out[labels[i]!]! += 1
    }
    return out
  }

  decisionsByMonth(): { month: string; approved: number; rejected: number; pending: number }[] {
    return this.db.prepare(`SELECT substr(coalesce(decided_at, created_at), 1, 7) AS month,
        sum(status IN ('approved', 'provisioning', 'ready', 'failed')) AS approved,
        sum(status = 'rejected') AS rejected,
        sum(status IN ('pending', 'info_requested')) AS pending
        FROM prov_applications WHERE status != 'unconfirmed' GROUP BY month ORDER BY month`).all() as { month: string; approved: number; rejected: number; pending: number }[]
  }

  decisionRows(since: string): DecisionRow[] {
    return this.db.prepare(`SELECT confirmed_at AS confirmedAt, decided_at AS decidedAt,
        CASE WHEN status = 'rejected' THEN 'rejected' WHEN status IN ('pending', 'info_requested') THEN 'pending' ELSE 'approved' END AS outcome
        FROM prov_applications WHERE status != 'unconfirmed' AND confirmed_at IS NOT NULL
        AND (decided_at IS NULL OR decided_at >= ?)`).all(since) as DecisionRow[]
  }
}
