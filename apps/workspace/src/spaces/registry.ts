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

export interface RegistryCacheOptions {
  /** How long a record read here is trusted (default 1 s); 0 reads the database every time. */
  recordTtlMs?: number
  /** Monotonic milliseconds (tests move it): the bound is on real time, whatever the business clock says. */
  monotonic?: () => number
}

const MAX_CACHED_RECORDS = 10_000
// Short: after a fleet upgrade migrates a space, the other web processes answer 503 until their copy
// expires, and that counts in the space's downtime (target ≤ 1 s, migrations take milliseconds).
const RECORD_TTL_MS = 250

export class SqliteSpaceRegistry implements SpaceRegistry {
  private readonly byslug
  // Every request resolves its space through `get` (a platform-database read per DAV poll). The web
  // processes of a host share the database, not this memory: a status written by another process
  // (suspension, maintenance, deletion, an upgrade's new schema version) takes effect here within
  // `recordTtlMs`, and at once when written through this registry. Absent slugs are not remembered,
  // so a new space answers at once.
  private readonly recent = new Map<string, { record: SpaceRecord; until: number }>()
  private readonly ttlMs: number
  private readonly monotonic: () => number

  constructor(private readonly db: Db, private readonly clock: () => Date = () => new Date(), cache: RegistryCacheOptions = {}) {
    this.byslug = db.prepare('SELECT * FROM spaces WHERE slug = ?')
    this.ttlMs = cache.recordTtlMs ?? RECORD_TTL_MS
    this.monotonic = cache.monotonic ?? performance.now.bind(performance)
  }

  /** The space's record, possibly as read up to `recordTtlMs` ago (frozen: shared between callers). */
  get(slug: string): SpaceRecord | null {
    const now = this.ttlMs > 0 ? this.monotonic() : 0
    const hit = this.recent.get(slug)
    if (hit && hit.until > now) return hit.record
    const row = this.byslug.get(slug) as Row | undefined
    if (!row) {
      this.recent.delete(slug)
      return null
    }
    const record = Object.freeze(toRecord(row))
    // Inside a transaction the row may be uncommitted, and a rollback would leave it cached.
    if (this.ttlMs > 0 && !this.db.inTransaction) {
      this.recent.delete(slug)
      if (this.recent.size >= MAX_CACHED_RECORDS) this.recent.delete(this.recent.keys().next().value as string)
      this.recent.set(slug, { record, until: now + this.ttlMs })
    }
    return record
  }

  insertIfAbsent(r: SpaceRecord): boolean {
    this.recent.delete(r.slug)
    const now = this.clock().toISOString()
    const info = prepared(this.db, `INSERT INTO spaces (slug, name, status, quota_bytes, max_accounts, schema_version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING`)
      .run(r.slug, r.name, r.status, r.quotaBytes, r.maxAccounts, r.schemaVersion, r.createdAt, now)
    return info.changes === 1
  }

  insertNew(r: SpaceRecord): void {
    this.recent.delete(r.slug)
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
    this.recent.delete(slug)
    return prepared(this.db, 'DELETE FROM spaces WHERE slug = ?').run(slug).changes === 1
  }

  update(slug: string, patch: Partial<SpaceRecord>): void {
    const entries = Object.entries(patch).filter(([k, v]) => COLUMNS[k] && v !== undefined)
    if (!entries.length) return
    this.recent.delete(slug)
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
