import type { Db } from '@maison/db'
import type { InvitationRecord, InvitationRepository } from './types.ts'

const COLUMNS = `id, email, role, language, invited_by AS invitedBy, created_at AS createdAt, expires_at AS expiresAt,
  accepted_at AS acceptedAt, revoked_at AS revokedAt`
const PENDING = 'accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?'

export class SqliteInvitationRepository implements InvitationRepository {
  constructor(private readonly db: Db) {}

  insert(i: Omit<InvitationRecord, 'id' | 'acceptedAt' | 'revokedAt'> & { tokenHash: string }): InvitationRecord {
    const info = this.db
      .prepare(`INSERT INTO account_invitations (token_hash, email, role, language, invited_by, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(i.tokenHash, i.email, i.role, i.language, i.invitedBy, i.createdAt, i.expiresAt)
    return this.byId(Number(info.lastInsertRowid))!
  }

  byTokenHash(tokenHash: string): InvitationRecord | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM account_invitations WHERE token_hash = ?`).get(tokenHash) as InvitationRecord | undefined
  }

  byId(id: number): InvitationRecord | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM account_invitations WHERE id = ?`).get(id) as InvitationRecord | undefined
  }

  listPending(now: string): InvitationRecord[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM account_invitations WHERE ${PENDING} ORDER BY created_at, id`).all(now) as InvitationRecord[]
  }

  countPending(now: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM account_invitations WHERE ${PENDING}`).get(now) as { n: number }).n
  }

  pendingForEmail(email: string, now: string): InvitationRecord | undefined {
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM account_invitations WHERE email = ? AND ${PENDING}`)
      .get(email, now) as InvitationRecord | undefined
  }

  revoke(id: number, at: string): boolean {
    return this.db
      .prepare('UPDATE account_invitations SET revoked_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL')
      .run(at, id).changes > 0
  }

  markAccepted(id: number, at: string, accountId: number): boolean {
    return this.db
      .prepare(`UPDATE account_invitations SET accepted_at = ?, accepted_account_id = ?
        WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`)
      .run(at, accountId, id, at).changes > 0
  }
}
