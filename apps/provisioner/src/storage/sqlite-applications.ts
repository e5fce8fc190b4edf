import { prepared, type Db } from '@maison/db'
import type { ApplicationInput } from '../domain/application-schema.ts'
import type { ApplicationStatus } from '../domain/fields.ts'
import type { Application, ApplicationQuery, ApplicationRepository, Message, Note, TransitionPatch } from '../domain/ports.ts'

interface Row {
  id: number; organisation: string; slug: string; structure_type: string; sectors: string; purpose: string
  year_founded: number; employees: number; members: number; beneficiaries: number; budget_band: string
  contact_name: string; contact_email: string; language: 'en' | 'fr'; charter_accepted_at: string
  status: ApplicationStatus; reject_reason: string | null; last_error: string | null; created_at: string
  updated_at: string; confirmed_at: string | null; decided_at: string | null; decided_by: number | null; ready_at: string | null
}

const toApp = (r: Row): Application => ({
  id: r.id, organisation: r.organisation, slug: r.slug, structureType: r.structure_type, sectors: JSON.parse(r.sectors) as string[],
  purpose: r.purpose, yearFounded: r.year_founded, employees: r.employees, members: r.members, beneficiaries: r.beneficiaries,
  budgetBand: r.budget_band, contactName: r.contact_name, contactEmail: r.contact_email, language: r.language,
  charterAcceptedAt: r.charter_accepted_at, status: r.status, rejectReason: r.reject_reason, lastError: r.last_error,
  createdAt: r.created_at, updatedAt: r.updated_at, confirmedAt: r.confirmed_at, decidedAt: r.decided_at,
  decidedBy: r.decided_by, readyAt: r.ready_at,
})

/** Comparable form of an organisation name, to spot the same organisation applying twice. */
export const organisationKey = (name: string): string =>
  name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

const LIVE = "('pending', 'info_requested', 'approved', 'provisioning', 'ready')"

const PATCH_COLUMNS: Record<keyof TransitionPatch, string> = {
  rejectReason: 'reject_reason', lastError: 'last_error', decidedAt: 'decided_at', decidedBy: 'decided_by',
  confirmedAt: 'confirmed_at', readyAt: 'ready_at',
}

export class SqliteApplicationRepository implements ApplicationRepository {
  constructor(private readonly db: Db) {}

  insert(a: ApplicationInput, at: string): Application {
    const info = prepared(this.db, `INSERT INTO prov_applications (organisation, organisation_key, slug, structure_type, sectors, purpose,
        year_founded, employees, members, beneficiaries, budget_band, contact_name, contact_email, language, charter_accepted_at,
        status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unconfirmed', ?, ?)`)
      .run(a.organisation, organisationKey(a.organisation), a.slug, a.structureType, JSON.stringify(a.sectors), a.purpose,
        a.yearFounded, a.employees, a.members, a.beneficiaries, a.budgetBand, a.contactName, a.contactEmail, a.language, at, at, at)
    return this.byId(Number(info.lastInsertRowid))!
  }

  byId(id: number): Application | null {
    const r = prepared(this.db, 'SELECT * FROM prov_applications WHERE id = ?').get(id) as Row | undefined
    return r ? toApp(r) : null
  }

  list(q: ApplicationQuery): { items: Application[]; total: number } {
    const where: string[] = []
    const args: unknown[] = []
    if (q.status) {
      where.push('status = ?')
      args.push(q.status)
    }
    if (q.search) {
      where.push("(organisation LIKE ? ESCAPE '\\' OR slug LIKE ? ESCAPE '\\' OR contact_email LIKE ? ESCAPE '\\' OR contact_name LIKE ? ESCAPE '\\')")
      const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      args.push(like, like, like, like)
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const total = (prepared(this.db, `SELECT count(*) AS n FROM prov_applications ${w}`).get(...args) as { n: number }).n
    const rows = prepared(this.db, `SELECT * FROM prov_applications ${w} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...args, q.limit ?? 50, q.offset ?? 0) as Row[]
    return { items: rows.map(toApp), total }
  }

  transition(id: number, from: readonly ApplicationStatus[], to: ApplicationStatus, patch: TransitionPatch, at: string): boolean {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof TransitionPatch, unknown][]
    const sets = entries.map(([k]) => `, ${PATCH_COLUMNS[k]} = ?`).join('')
    const info = prepared(this.db, `UPDATE prov_applications SET status = ?, updated_at = ?${sets} WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`)
      .run(to, at, ...entries.map(([, v]) => v), id, ...from)
    return info.changes === 1
  }

  countOthersWithEmail(email: string, excludeId: number): number {
    return (prepared(this.db, "SELECT count(*) AS n FROM prov_applications WHERE contact_email = ? AND id != ? AND status != 'unconfirmed'")
      .get(email, excludeId) as { n: number }).n
  }

  countOthersWithOrganisation(organisation: string, excludeId: number): number {
    return (prepared(this.db, "SELECT count(*) AS n FROM prov_applications WHERE organisation_key = ? AND id != ? AND status != 'unconfirmed'")
      .get(organisationKey(organisation), excludeId) as { n: number }).n
  }

  latestBySlug(slug: string): Application | null {
    const r = prepared(this.db, 'SELECT * FROM prov_applications WHERE slug = ? ORDER BY id DESC LIMIT 1').get(slug) as Row | undefined
    return r ? toApp(r) : null
  }

  isLiveSlug(slug: string): boolean {
    return !!prepared(this.db, `SELECT 1 FROM prov_applications WHERE slug = ? AND status IN ${LIVE}`).get(slug)
  }

  liveSlugs(): string[] {
    return (prepared(this.db, `SELECT slug FROM prov_applications WHERE status IN ${LIVE}`).all() as { slug: string }[]).map((r) => r.slug)
  }

  idsInStatus(status: ApplicationStatus, limit: number, updatedBefore = '9999'): number[] {
    return (prepared(this.db, 'SELECT id FROM prov_applications WHERE status = ? AND updated_at < ? ORDER BY id LIMIT ?')
      .all(status, updatedBefore, limit) as { id: number }[]).map((r) => r.id)
  }

  countByStatus(): Record<string, number> {
    const rows = prepared(this.db, 'SELECT status, count(*) AS n FROM prov_applications GROUP BY status').all() as { status: string; n: number }[]
    return Object.fromEntries(rows.map((r) => [r.status, r.n]))
  }

  addToken(applicationId: number, purpose: 'confirm' | 'status', tokenHash: string, at: string, expiresAt: string | null): void {
    prepared(this.db, 'INSERT INTO prov_application_tokens (token_hash, application_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenHash, applicationId, purpose, at, expiresAt)
  }

  redeemToken(tokenHash: string, purpose: 'confirm' | 'status', at: string): number | null {
    const row = prepared(this.db, 'SELECT application_id AS id, expires_at, used_at FROM prov_application_tokens WHERE token_hash = ? AND purpose = ?')
      .get(tokenHash, purpose) as { id: number; expires_at: string | null; used_at: string | null } | undefined
    if (!row || (row.expires_at && row.expires_at < at)) return null
    if (purpose === 'confirm') {
      // A confirm link opened twice is still fine: it only ever confirms its own application.
      if (!row.used_at) prepared(this.db, 'UPDATE prov_application_tokens SET used_at = ? WHERE token_hash = ?').run(at, tokenHash)
    }
    return row.id
  }

  addMessage(applicationId: number, author: 'staff' | 'applicant', staffId: number | null, body: string, at: string): void {
    prepared(this.db, 'INSERT INTO prov_messages (application_id, author, staff_id, body, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(applicationId, author, staffId, body, at)
  }

  messages(applicationId: number): Message[] {
    return prepared(this.db, 'SELECT id, author, staff_id AS staffId, body, created_at AS createdAt FROM prov_messages WHERE application_id = ? ORDER BY id')
      .all(applicationId) as Message[]
  }

  addNote(applicationId: number, staffId: number, body: string, at: string): void {
    prepared(this.db, 'INSERT INTO prov_notes (application_id, staff_id, body, created_at) VALUES (?, ?, ?, ?)').run(applicationId, staffId, body, at)
  }

  notes(applicationId: number): Note[] {
    return prepared(this.db, `SELECT n.id, n.staff_id AS staffId, coalesce(s.display_name, '?') AS staffName, n.body, n.created_at AS createdAt
        FROM prov_notes n LEFT JOIN prov_staff s ON s.id = n.staff_id WHERE n.application_id = ? ORDER BY n.id`)
      .all(applicationId) as Note[]
  }
}
