import type { Db } from '@maison/db'

export interface Share {
  id: number
  token: string
  fileid: number
  createdBy: string
  passwordHash: string | null
  /** Epoch milliseconds, or null for a link that does not expire. */
  expiresAt: number | null
  createdAt: number
}

export interface ShareRepository {
  insert(share: Omit<Share, 'id'>): Share
  byToken(token: string): Share | undefined
  byId(id: number): Share | undefined
  byCreator(username: string): Share[]
  byFile(fileid: number): Share[]
  delete(id: number): void
  addSession(shareId: number, sidHash: string, expiresAt: number): void
  hasSession(shareId: number, sidHash: string, now: number): boolean
}

interface Row {
  id: number
  token: string
  fileid: number
  created_by: string
  password_hash: string | null
  expires_at: number | null
  created_at: number
}

const toShare = (r: Row): Share => ({
  id: r.id, token: r.token, fileid: r.fileid, createdBy: r.created_by, passwordHash: r.password_hash, expiresAt: r.expires_at, createdAt: r.created_at,
})

export class SqliteShareRepository implements ShareRepository {
  constructor(private readonly db: Db) {}

  insert(s: Omit<Share, 'id'>): Share {
    const info = this.db
      .prepare('INSERT INTO shares (token, fileid, created_by, password_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.token, s.fileid, s.createdBy, s.passwordHash, s.expiresAt, s.createdAt)
    return { ...s, id: Number(info.lastInsertRowid) }
  }

  byToken(token: string): Share | undefined {
    const r = this.db.prepare('SELECT * FROM shares WHERE token = ?').get(token) as Row | undefined
    return r && toShare(r)
  }

  byId(id: number): Share | undefined {
    const r = this.db.prepare('SELECT * FROM shares WHERE id = ?').get(id) as Row | undefined
    return r && toShare(r)
  }

  byCreator(username: string): Share[] {
    return (this.db.prepare('SELECT * FROM shares WHERE created_by = ? ORDER BY id').all(username) as Row[]).map(toShare)
  }

  byFile(fileid: number): Share[] {
    return (this.db.prepare('SELECT * FROM shares WHERE fileid = ? ORDER BY id').all(fileid) as Row[]).map(toShare)
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM shares WHERE id = ?').run(id)
  }

  addSession(shareId: number, sidHash: string, expiresAt: number): void {
    this.db.prepare('INSERT OR REPLACE INTO share_sessions (share_id, sid_hash, expires_at) VALUES (?, ?, ?)').run(shareId, sidHash, expiresAt)
  }

  hasSession(shareId: number, sidHash: string, now: number): boolean {
    return !!this.db.prepare('SELECT 1 FROM share_sessions WHERE share_id = ? AND sid_hash = ? AND expires_at > ?').get(shareId, sidHash, now)
  }
}
