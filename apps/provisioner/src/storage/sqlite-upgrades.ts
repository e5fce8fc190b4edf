import type { Db } from '@maison/db'
import type { Upgrade, UpgradeCounts, UpgradeRepository, UpgradeSpace, UpgradeSpaceState } from '../domain/upgrade-ports.ts'

const UPGRADE_COLS = `id, status, schema_version AS schemaVersion, max_failures AS maxFailures, lanes, attempt, started_by AS startedBy,
  created_at AS createdAt, attempt_started_at AS attemptStartedAt, elapsed_ms AS elapsedMs, finished_at AS finishedAt, halt_reason AS haltReason`
const SPACE_COLS = `slug, state, lane, previous_status AS previousStatus, migrations, downtime_ms AS downtimeMs, error,
  started_at AS startedAt, finished_at AS finishedAt`

const isUnique = (err: unknown) => (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'

export class SqliteUpgradeRepository implements UpgradeRepository {
  constructor(private readonly db: Db) {}

  create(u: Pick<Upgrade, 'schemaVersion' | 'maxFailures' | 'lanes' | 'startedBy' | 'createdAt'>, slugs: readonly string[]): Upgrade | null {
    const insert = this.db.transaction(() => {
      const id = Number(this.db.prepare(`INSERT INTO prov_upgrades (status, schema_version, max_failures, lanes, started_by, created_at, attempt_started_at)
          VALUES ('running', ?, ?, ?, ?, ?, ?)`).run(u.schemaVersion, u.maxFailures, u.lanes, u.startedBy, u.createdAt, u.createdAt).lastInsertRowid)
      const row = this.db.prepare("INSERT INTO prov_upgrade_spaces (upgrade_id, slug, state) VALUES (?, ?, 'pending') ON CONFLICT DO NOTHING")
      for (const slug of slugs) row.run(id, slug)
      return id
    })
    try {
      return this.byId(insert.immediate())
    } catch (err) {
      if (isUnique(err)) return null
      throw err
    }
  }

  byId(id: number): Upgrade | null {
    return (this.db.prepare(`SELECT ${UPGRADE_COLS} FROM prov_upgrades WHERE id = ?`).get(id) as Upgrade | undefined) ?? null
  }

  running(): Upgrade | null {
    return (this.db.prepare(`SELECT ${UPGRADE_COLS} FROM prov_upgrades WHERE status = 'running'`).get() as Upgrade | undefined) ?? null
  }

  latest(limit: number): Upgrade[] {
    return this.db.prepare(`SELECT ${UPGRADE_COLS} FROM prov_upgrades ORDER BY id DESC LIMIT ?`).all(limit) as Upgrade[]
  }

  counts(id: number): UpgradeCounts {
    const c: UpgradeCounts = { total: 0, pending: 0, running: 0, done: 0, failed: 0, skipped: 0 }
    const rows = this.db.prepare('SELECT state, count(*) AS n FROM prov_upgrade_spaces WHERE upgrade_id = ? GROUP BY state').all(id) as { state: UpgradeSpaceState; n: number }[]
    for (const r of rows) {
      c[r.state] = r.n
      c.total += r.n
    }
    return c
  }

  claim(id: number, lane: string, at: string): string | null {
    const take = this.db.transaction(() => {
      const r = this.db.prepare("SELECT slug FROM prov_upgrade_spaces WHERE upgrade_id = ? AND state = 'pending' ORDER BY slug LIMIT 1").get(id) as { slug: string } | undefined
      if (!r) return null
      this.db.prepare("UPDATE prov_upgrade_spaces SET state = 'running', lane = ?, started_at = ? WHERE upgrade_id = ? AND slug = ?").run(lane, at, id, r.slug)
      return r.slug
    })
    // IMMEDIATE: lanes in other processes claim from the same rows.
    return take.immediate()
  }

  claimedBy(id: number, lane: string): UpgradeSpace[] {
    return this.db.prepare(`SELECT ${SPACE_COLS} FROM prov_upgrade_spaces WHERE upgrade_id = ? AND state = 'running' AND lane = ?`).all(id, lane) as UpgradeSpace[]
  }

  claimed(id: number): UpgradeSpace[] {
    return this.db.prepare(`SELECT ${SPACE_COLS} FROM prov_upgrade_spaces WHERE upgrade_id = ? AND state = 'running'`).all(id) as UpgradeSpace[]
  }

  release(id: number, slug: string): void {
    this.db.prepare("UPDATE prov_upgrade_spaces SET state = 'pending', lane = NULL WHERE upgrade_id = ? AND slug = ? AND state = 'running'").run(id, slug)
  }

  setPreviousStatus(id: number, slug: string, status: string): void {
    this.db.prepare('UPDATE prov_upgrade_spaces SET previous_status = ? WHERE upgrade_id = ? AND slug = ?').run(status, id, slug)
  }

  previousStatus(id: number, slug: string): string | null {
    const row = this.db.prepare('SELECT previous_status AS s FROM prov_upgrade_spaces WHERE upgrade_id = ? AND slug = ?').get(id, slug) as { s: string | null } | undefined
    return row?.s ?? null
  }

  finish(id: number, slug: string, r: { state: 'done' | 'failed' | 'skipped'; migrations?: number; downtimeMs?: number; error?: string }, at: string): void {
    this.db.prepare(`UPDATE prov_upgrade_spaces SET state = ?, migrations = ?, downtime_ms = ?, error = ?, finished_at = ?, lane = NULL
        WHERE upgrade_id = ? AND slug = ?`).run(r.state, r.migrations ?? null, r.downtimeMs ?? null, r.error ?? null, at, id, slug)
  }

  end(id: number, status: 'halted' | 'done', at: string, haltReason: string | null): boolean {
    const u = this.byId(id)
    if (!u) return false
    const elapsed = Math.max(0, Date.parse(at) - Date.parse(u.attemptStartedAt))
    return this.db.prepare(`UPDATE prov_upgrades SET status = ?, finished_at = ?, halt_reason = ?, elapsed_ms = elapsed_ms + ?
        WHERE id = ? AND status = 'running' AND attempt = ?`).run(status, at, haltReason, elapsed, id, u.attempt).changes === 1
  }

  restart(id: number, at: string): boolean {
    const go = this.db.transaction(() => {
      const moved = this.db.prepare(`UPDATE prov_upgrades SET status = 'running', attempt = attempt + 1, attempt_started_at = ?, finished_at = NULL,
          halt_reason = NULL WHERE id = ? AND status != 'running'`).run(at, id).changes === 1
      if (moved) {
        this.db.prepare(`UPDATE prov_upgrade_spaces SET state = 'pending', lane = NULL, error = NULL, downtime_ms = NULL, started_at = NULL, finished_at = NULL
            WHERE upgrade_id = ? AND state = 'failed'`).run(id)
      }
      return moved
    })
    try {
      return go.immediate()
    } catch (err) {
      if (isUnique(err)) return false
      throw err
    }
  }

  bumpAttempt(id: number): number {
    this.db.prepare("UPDATE prov_upgrades SET attempt = attempt + 1 WHERE id = ? AND status = 'running'").run(id)
    return this.byId(id)!.attempt
  }

  downtimes(id: number): number[] {
    return (this.db.prepare('SELECT downtime_ms AS d FROM prov_upgrade_spaces WHERE upgrade_id = ? AND downtime_ms IS NOT NULL').all(id) as { d: number }[]).map((r) => r.d)
  }

  spaces(id: number, state?: UpgradeSpaceState): UpgradeSpace[] {
    return this.db.prepare(`SELECT ${SPACE_COLS} FROM prov_upgrade_spaces WHERE upgrade_id = ? ${state ? 'AND state = ?' : ''} ORDER BY slug`)
      .all(...(state ? [id, state] : [id])) as UpgradeSpace[]
  }
}
