import type { Db, SpaceDatabasePool } from '@maison/db'
import type { SpaceUsage, UsageSnapshot, UsageSnapshotRepository } from '../domain/usage.ts'

/** Snapshots of fleet usage; the newest few are kept to show when figures changed. */
export class SqliteUsageSnapshots implements UsageSnapshotRepository {
  constructor(private readonly db: Db, private readonly keep = 50) {}

  save(s: UsageSnapshot): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO prov_stats_snapshots (computed_at, duration_ms, data) VALUES (?, ?, ?)').run(s.computedAt, s.durationMs, JSON.stringify(s))
      this.db.prepare('DELETE FROM prov_stats_snapshots WHERE id NOT IN (SELECT id FROM prov_stats_snapshots ORDER BY id DESC LIMIT ?)').run(this.keep)
    }).immediate()
  }

  latest(): UsageSnapshot | null {
    const r = this.db.prepare('SELECT data FROM prov_stats_snapshots ORDER BY id DESC LIMIT 1').get() as { data: string } | undefined
    return r ? (JSON.parse(r.data) as UsageSnapshot) : null
  }
}

/** 0 when a space lacks the table (an app or module it never had). */
function scalar(db: Db, sql: string): number | string | null {
  try {
    const row = db.prepare(sql).get() as { v: number | string | null } | undefined
    return row?.v ?? null
  } catch (err) {
    if (/no such table|no such column/.test((err as Error).message)) return null
    throw err
  }
}

/**
 * Reads a space's usage from its database under a lease, so the pool never closes it midway.
 * Disk use is the size recorded in the file metadata (what quotas count), not a walk of the disk.
 */
export function spaceUsageReader(pool: SpaceDatabasePool): (slug: string) => Promise<SpaceUsage> {
  return async (slug) => {
    const lease = pool.lease(slug)
    try {
      const db = lease.db
      const login = scalar(db, 'SELECT max(last_login_at) AS v FROM accounts')
      const dav = scalar(db, 'SELECT max(last_used_at) AS v FROM account_app_passwords')
      const latest = [login, dav].filter((v): v is string => typeof v === 'string').sort().at(-1) ?? null
      return {
        accounts: Number(scalar(db, 'SELECT count(*) AS v FROM accounts WHERE enabled = 1') ?? 0),
        files: Number(scalar(db, 'SELECT count(*) AS v FROM files_nodes WHERE is_dir = 0') ?? 0),
        bytes: Number(scalar(db, 'SELECT coalesce(sum(size), 0) AS v FROM files_nodes WHERE is_dir = 0') ?? 0),
        lastLoginAt: latest,
      }
    } finally {
      lease.release()
    }
  }
}
