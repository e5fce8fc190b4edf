import { prepared, writeTransaction, type Db } from '@maison/db'
import type {
  AuditEntry, AuditLog, ClosingRequest, ClosingRequestRepository, Deletion, DeletionRepository, HostLoad, LedgerMail,
  MailLedgerRepository, Placement, PlacementRepository, RejectTemplate, RejectTemplateRepository, Transactor,
} from '../domain/ports.ts'

/** IMMEDIATE transactions: two processes deciding at once queue up instead of both reading stale state. */
export class SqliteTransactor implements Transactor {
  constructor(private readonly db: Db) {}
  run<T>(fn: () => T): T {
    return writeTransaction(this.db, fn)
  }
}

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  record(e: Omit<AuditEntry, 'id'>): void {
    prepared(this.db, 'INSERT INTO prov_audit (at, staff_id, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.at, e.staffId, e.actor, e.action, e.target, JSON.stringify(e.detail))
  }

  list(q: { target?: string; limit?: number }): AuditEntry[] {
    const rows = prepared(this.db, `SELECT id, at, staff_id AS staffId, actor, action, target, detail FROM prov_audit
        ${q.target ? 'WHERE target = ?' : ''} ORDER BY id DESC LIMIT ?`)
      .all(...(q.target ? [q.target] : []), q.limit ?? 200) as (Omit<AuditEntry, 'detail'> & { detail: string })[]
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }))
  }
}

export class SqliteRejectTemplates implements RejectTemplateRepository {
  constructor(private readonly db: Db) {}

  private static toTemplate(r: Record<string, string>): RejectTemplate {
    return { code: r.code!, title: { en: r.title_en!, fr: r.title_fr! }, body: { en: r.body_en!, fr: r.body_fr! }, updatedAt: r.updated_at! }
  }

  list(): RejectTemplate[] {
    return (prepared(this.db, 'SELECT * FROM prov_reject_templates ORDER BY code').all() as Record<string, string>[]).map(SqliteRejectTemplates.toTemplate)
  }

  get(code: string): RejectTemplate | null {
    const r = prepared(this.db, 'SELECT * FROM prov_reject_templates WHERE code = ?').get(code) as Record<string, string> | undefined
    return r ? SqliteRejectTemplates.toTemplate(r) : null
  }

  upsert(t: RejectTemplate): void {
    prepared(this.db, `INSERT INTO prov_reject_templates (code, title_en, title_fr, body_en, body_fr, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (code) DO UPDATE SET title_en = excluded.title_en, title_fr = excluded.title_fr, body_en = excluded.body_en,
        body_fr = excluded.body_fr, updated_at = excluded.updated_at`)
      .run(t.code, t.title.en, t.title.fr, t.body.en, t.body.fr, t.updatedAt)
  }
}

export class SqlitePlacements implements PlacementRepository {
  constructor(private readonly db: Db) {}

  reserve(slug: string, applicationId: number, at: string): Placement {
    prepared(this.db, 'INSERT INTO prov_placements (slug, application_id, reserved_at) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING')
      .run(slug, applicationId, at)
    return this.get(slug)!
  }

  get(slug: string): Placement | null {
    const r = prepared(this.db, 'SELECT slug, application_id AS applicationId, host_id AS hostId FROM prov_placements WHERE slug = ?').get(slug)
    return (r as Placement | undefined) ?? null
  }

  hostLoads(): HostLoad[] {
    const rows = prepared(this.db, `SELECT h.id, h.name, h.capacity, h.enabled,
        (SELECT count(*) FROM prov_placements p WHERE p.host_id = h.id) AS used FROM prov_hosts h ORDER BY h.id`).all() as
      (Omit<HostLoad, 'enabled'> & { enabled: number })[]
    return rows.map((r) => ({ ...r, enabled: r.enabled === 1 }))
  }

  assignIfUnplaced(slug: string, hostId: string, at: string): string {
    prepared(this.db, 'UPDATE prov_placements SET host_id = ?, placed_at = ? WHERE slug = ? AND host_id IS NULL').run(hostId, at, slug)
    return this.get(slug)!.hostId!
  }

  upsertHost(h: { id: string; name: string; capacity: number; enabled: boolean }, at: string): void {
    prepared(this.db, `INSERT INTO prov_hosts (id, name, capacity, enabled, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, capacity = excluded.capacity, enabled = excluded.enabled`)
      .run(h.id, h.name, h.capacity, h.enabled ? 1 : 0, at)
  }
}

export class SqliteMailLedgerRepository implements MailLedgerRepository {
  constructor(private readonly db: Db) {}

  get(key: string): LedgerMail | null {
    const r = prepared(this.db, `SELECT key, recipient AS "to", subject, body_text AS text, secret, enqueued_at AS enqueuedAt
        FROM prov_mail_ledger WHERE key = ?`).get(key)
    return (r as LedgerMail | undefined) ?? null
  }

  insertIfAbsent(m: Omit<LedgerMail, 'enqueuedAt'>, at: string): boolean {
    return prepared(this.db, `INSERT INTO prov_mail_ledger (key, recipient, subject, body_text, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (key) DO NOTHING`).run(m.key, m.to, m.subject, m.text, m.secret, at).changes === 1
  }

  markEnqueued(key: string, at: string): void {
    prepared(this.db, 'UPDATE prov_mail_ledger SET enqueued_at = ? WHERE key = ? AND enqueued_at IS NULL').run(at, key)
  }

  enqueuedUnsent(since: string, before: string): LedgerMail[] {
    // mail_sent is the mail queue's own ledger (same platform database): a key there reached the transport.
    return prepared(this.db, `SELECT l.key, l.recipient AS "to", l.subject, l.body_text AS text, l.secret, l.enqueued_at AS enqueuedAt
        FROM prov_mail_ledger l LEFT JOIN mail_sent s ON s.key = l.key
        WHERE l.enqueued_at >= ? AND l.enqueued_at <= ? AND s.key IS NULL ORDER BY l.enqueued_at LIMIT 1000`).all(since, before) as LedgerMail[]
  }
}

export class SqliteDeletions implements DeletionRepository {
  constructor(private readonly db: Db) {}

  get(slug: string): Deletion | null {
    const r = prepared(this.db, `SELECT slug, previous_status AS previousStatus, deleted_at AS deletedAt, purge_after AS purgeAfter,
        purged_at AS purgedAt FROM prov_deletions WHERE slug = ?`).get(slug)
    return (r as Deletion | undefined) ?? null
  }

  upsert(d: Omit<Deletion, 'purgedAt'>): void {
    prepared(this.db, `INSERT INTO prov_deletions (slug, previous_status, deleted_at, purge_after) VALUES (?, ?, ?, ?)
        ON CONFLICT (slug) DO UPDATE SET previous_status = excluded.previous_status, deleted_at = excluded.deleted_at,
        purge_after = excluded.purge_after, purged_at = NULL`).run(d.slug, d.previousStatus, d.deletedAt, d.purgeAfter)
  }

  remove(slug: string): void {
    prepared(this.db, 'DELETE FROM prov_deletions WHERE slug = ? AND purged_at IS NULL').run(slug)
  }

  markPurged(slug: string, at: string): void {
    prepared(this.db, 'UPDATE prov_deletions SET purged_at = ? WHERE slug = ?').run(at, slug)
  }

  due(now: string): string[] {
    return (prepared(this.db, 'SELECT slug FROM prov_deletions WHERE purged_at IS NULL AND purge_after <= ?').all(now) as { slug: string }[]).map((r) => r.slug)
  }
}

export class SqliteClosingRequests implements ClosingRequestRepository {
  constructor(private readonly db: Db) {}

  private static readonly COLS = 'id, slug, requested_by AS requestedBy, reason, created_at AS createdAt, handled_at AS handledAt'

  open(slug: string, by: string, reason: string, at: string): ClosingRequest {
    prepared(this.db, `INSERT INTO prov_closing_requests (slug, requested_by, reason, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (slug) WHERE handled_at IS NULL DO NOTHING`).run(slug, by, reason, at)
    return prepared(this.db, `SELECT ${SqliteClosingRequests.COLS} FROM prov_closing_requests WHERE slug = ? AND handled_at IS NULL`).get(slug) as ClosingRequest
  }

  listOpen(): ClosingRequest[] {
    return prepared(this.db, `SELECT ${SqliteClosingRequests.COLS} FROM prov_closing_requests WHERE handled_at IS NULL ORDER BY id`).all() as ClosingRequest[]
  }

  close(slug: string, at: string): void {
    prepared(this.db, 'UPDATE prov_closing_requests SET handled_at = ? WHERE slug = ? AND handled_at IS NULL').run(at, slug)
  }
}
