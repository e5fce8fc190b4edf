import type { Db } from '@maison/db'
import type { StaffMember, StaffRepository, StaffRole } from '../domain/ports.ts'

interface Row {
  id: number; username: string; display_name: string; email: string | null; role: StaffRole
  password_hash: string; enabled: number; created_at: string
}

const toStaff = (r: Row): StaffMember => ({
  id: r.id, username: r.username, displayName: r.display_name, email: r.email, role: r.role,
  passwordHash: r.password_hash, enabled: r.enabled === 1, createdAt: r.created_at,
})

export class SqliteStaffRepository implements StaffRepository {
  constructor(private readonly db: Db) {}

  byUsername(username: string): StaffMember | null {
    const r = this.db.prepare('SELECT * FROM prov_staff WHERE username = ?').get(username) as Row | undefined
    return r ? toStaff(r) : null
  }

  byId(id: number): StaffMember | null {
    const r = this.db.prepare('SELECT * FROM prov_staff WHERE id = ?').get(id) as Row | undefined
    return r ? toStaff(r) : null
  }

  list(): StaffMember[] {
    return (this.db.prepare('SELECT * FROM prov_staff ORDER BY username').all() as Row[]).map(toStaff)
  }

  insert(s: Omit<StaffMember, 'id'>): StaffMember {
    const info = this.db.prepare('INSERT INTO prov_staff (username, display_name, email, role, password_hash, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(s.username, s.displayName, s.email, s.role, s.passwordHash, s.enabled ? 1 : 0, s.createdAt)
    return this.byId(Number(info.lastInsertRowid))!
  }

  insertIfAbsent(s: Omit<StaffMember, 'id'>): boolean {
    const info = this.db.prepare(`INSERT INTO prov_staff (username, display_name, email, role, password_hash, enabled, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`)
      .run(s.username, s.displayName, s.email, s.role, s.passwordHash, s.enabled ? 1 : 0, s.createdAt)
    return info.changes === 1
  }

  setPassword(id: number, hash: string): void {
    this.db.prepare('UPDATE prov_staff SET password_hash = ? WHERE id = ?').run(hash, id)
  }

  addToken(staffId: number, name: string, tokenHash: string, at: string): number {
    return Number(this.db.prepare('INSERT INTO prov_staff_tokens (staff_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(staffId, name, tokenHash, at).lastInsertRowid)
  }

  useToken(tokenHash: string, at: string): StaffMember | null {
    const r = this.db.prepare(`SELECT s.*, t.id AS token_id FROM prov_staff_tokens t JOIN prov_staff s ON s.id = t.staff_id
        WHERE t.token_hash = ? AND t.revoked_at IS NULL`).get(tokenHash) as (Row & { token_id: number }) | undefined
    if (!r) return null
    this.db.prepare('UPDATE prov_staff_tokens SET last_used_at = ? WHERE id = ?').run(at, r.token_id)
    return toStaff(r)
  }

  revokeToken(id: number, staffId: number, at: string): boolean {
    return this.db.prepare('UPDATE prov_staff_tokens SET revoked_at = ? WHERE id = ? AND staff_id = ? AND revoked_at IS NULL')
      .run(at, id, staffId).changes === 1
  }

  addSession(staffId: number, tokenHash: string, csrf: string, at: string, expiresAt: string): void {
    this.db.prepare('INSERT INTO prov_staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenHash, staffId, csrf, at, expiresAt)
  }

  session(tokenHash: string, now: string): { staff: StaffMember; csrf: string } | null {
    const r = this.db.prepare(`SELECT s.*, x.csrf_token FROM prov_staff_sessions x JOIN prov_staff s ON s.id = x.staff_id
        WHERE x.token_hash = ? AND x.expires_at > ?`).get(tokenHash, now) as (Row & { csrf_token: string }) | undefined
    return r ? { staff: toStaff(r), csrf: r.csrf_token } : null
  }

  endSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM prov_staff_sessions WHERE token_hash = ?').run(tokenHash)
  }
}
