import { prepared, type Db } from '@maison/db'
import { Conflict } from '@maison/errors'

export type SpaceStatus = 'active' | 'suspended' | 'maintenance' | 'deleted'

export interface SpaceRecord {
  slug: string
  name: string
  status: SpaceStatus
  quotaBytes: number
  maxAccounts: number
  schemaVersion: string
  createdAt: string
}

/** The platform's list of spaces hosted here. */
export interface SpaceRegistry {
  get(slug: string): SpaceRecord | null
  insertIfAbsent(record: SpaceRecord): boolean
  /** Adds a space that must not exist yet. @throws Conflict when the slug is in use */
  insertNew(record: SpaceRecord): void
  /** Forgets a space (its database and files are the caller's to remove); false when absent. */
  remove(slug: string): boolean
  update(slug: string, patch: Partial<Pick<SpaceRecord, 'name' | 'status' | 'quotaBytes' | 'maxAccounts' | 'schemaVersion'>>): void
  list(opts?: { status?: SpaceStatus; limit?: number; offset?: number }): SpaceRecord[]
  /** Slugs whose database is not at the given schema fingerprint. */
  outdated(schemaVersion: string): string[]
  count(): number
}

interface Row {
  slug: string
  name: string
  status: SpaceStatus
  quota_bytes: number
  max_accounts: number
  schema_version: string
  created_at: string
}

const toRecord = (r: Row): SpaceRecord => ({
  slug: r.slug, name: r.name, status: r.status, quotaBytes: r.quota_bytes, maxAccounts: r.max_accounts,
  schemaVersion: r.schema_version, createdAt: r.created_at,
})

const COLUMNS: Record<string, string> = {
  name: 'name', status: 'status', quotaBytes: 'quota_bytes', maxAccounts: 'max_accounts', schemaVersion: 'schema_version',
}

export class SqliteSpaceRegistry implements SpaceRegistry {
  private readonly byslug

  constructor(private readonly db: Db, private readonly clock: () => Date = () => new Date()) {
    this.byslug = db.prepare('SELECT * FROM spaces WHERE slug = ?')
  }

  get(slug: string): SpaceRecord | null {
    const row = this.byslug.get(slug) as Row | undefined
    return row ? toRecord(row) : null
  }

  insertIfAbsent(r: SpaceRecord): boolean {
    const now = this.clock().toISOString()
    const info = prepared(this.db, `INSERT INTO spaces (slug, name, status, quota_bytes, max_accounts, schema_version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING`)
      .run(r.slug, r.name, r.status, r.quotaBytes, r.maxAccounts, r.schemaVersion, r.createdAt, now)
    return info.changes === 1
  }

  insertNew(r: SpaceRecord): void {
    try {
      prepared(this.db, `INSERT INTO spaces (slug, name, status, quota_bytes, max_accounts, schema_version, created_at, updated_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(r.slug, r.name, r.status, r.quotaBytes, r.maxAccounts, r.schemaVersion, r.createdAt, this.clock().toISOString())
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY')) {
        throw new Conflict(`The name "${r.slug}" is already taken.`, { errors: [{ path: 'slug', message: 'taken' }] })
      }
      throw err
    }
  }

  remove(slug: string): boolean {
    return prepared(this.db, 'DELETE FROM spaces WHERE slug = ?').run(slug).changes === 1
  }

  update(slug: string, patch: Partial<SpaceRecord>): void {
    const entries = Object.entries(patch).filter(([k, v]) => COLUMNS[k] && v !== undefined)
    if (!entries.length) return
    const sets = entries.map(([k]) => `${COLUMNS[k]} = ?`).join(', ')
    prepared(this.db, `UPDATE spaces SET ${sets}, updated_at = ? WHERE slug = ?`)
      .run(...entries.map(([, v]) => v), this.clock().toISOString(), slug)
  }

  list(opts: { status?: SpaceStatus; limit?: number; offset?: number } = {}): SpaceRecord[] {
    const where = opts.status ? 'WHERE status = ?' : ''
    const args: unknown[] = opts.status ? [opts.status] : []
    const rows = prepared(this.db, `SELECT * FROM spaces ${where} ORDER BY slug LIMIT ? OFFSET ?`)
      .all(...args, opts.limit ?? -1, opts.offset ?? 0) as Row[]
    return rows.map(toRecord)
  }

  outdated(schemaVersion: string): string[] {
    const rows = prepared(this.db, "SELECT slug FROM spaces WHERE schema_version != ? AND status != 'deleted'").all(schemaVersion)
    return (rows as { slug: string }[]).map((r) => r.slug)
  }

  count(): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM spaces').get() as { n: number }).n
  }
}
