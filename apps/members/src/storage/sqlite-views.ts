import type { Db } from '@maison/db'
import type { JoinAttemptRepository, MessageRepository, NewMessage, SavedViewRepository } from '../domain/repositories.ts'
import type { MessageState, SavedView, SavedViewQuery, SentMessage } from '../domain/types.ts'

interface ViewRow { id: number; name: string; query: string }
const view = (r: ViewRow): SavedView => ({ id: r.id, name: r.name, query: JSON.parse(r.query) as SavedViewQuery })

export class SqliteSavedViewRepository implements SavedViewRepository {
  constructor(private readonly db: Db) {}

  list(): SavedView[] {
    return (this.db.prepare('SELECT * FROM members_saved_views ORDER BY name COLLATE NOCASE').all() as ViewRow[]).map(view)
  }

  get(id: number): SavedView | null {
    const r = this.db.prepare('SELECT * FROM members_saved_views WHERE id = ?').get(id) as ViewRow | undefined
    return r ? view(r) : null
  }

  getByName(name: string): SavedView | null {
    const r = this.db.prepare('SELECT * FROM members_saved_views WHERE name = ?').get(name) as ViewRow | undefined
    return r ? view(r) : null
  }

  insert(name: string, query: SavedViewQuery, now: Date): SavedView {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO members_saved_views (name, query, created_at) VALUES (?, ?, ?)')
      .run(name, JSON.stringify(query), now.toISOString())
    return this.get(Number(lastInsertRowid))!
  }

  update(id: number, name: string, query: SavedViewQuery): SavedView {
    this.db.prepare('UPDATE members_saved_views SET name = ?, query = ? WHERE id = ?').run(name, JSON.stringify(query), id)
    return this.get(id)!
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM members_saved_views WHERE id = ?').run(id)
  }
}

interface MessageRow {
  id: number; request_id: string | null; request_hash: string | null; subject: string; body: string; recipients: number
  skipped: number; handed: number; state: string; sent_at: string
}
const message = (r: MessageRow): SentMessage => ({
  id: r.id, requestId: r.request_id, subject: r.subject, body: r.body, recipients: r.recipients, skipped: r.skipped, handed: r.handed,
  state: r.state as MessageState, sentAt: r.sent_at,
})

export class SqliteMessageRepository implements MessageRepository {
  constructor(private readonly db: Db) {}

  insert(m: NewMessage, recipientIds: readonly number[]): SentMessage {
    const { lastInsertRowid } = this.db
      .prepare(`INSERT INTO members_messages (request_id, request_hash, subject, body, recipients, skipped, handed, state, sent_at)
        VALUES (?, ?, ?, ?, ?, ?, 0, 'queued', ?)`)
      .run(m.requestId, m.requestHash, m.subject, m.body, recipientIds.length, m.skipped, m.sentAt)
    const id = Number(lastInsertRowid)
    const add = this.db.prepare('INSERT INTO members_message_recipients (message_id, member_id) VALUES (?, ?)')
    for (const memberId of recipientIds) add.run(id, memberId)
    return this.get(id)!
  }

  get(id: number): SentMessage | null {
    const r = this.db.prepare('SELECT * FROM members_messages WHERE id = ?').get(id) as MessageRow | undefined
    return r ? message(r) : null
  }

  getByRequest(requestId: string): { message: SentMessage; requestHash: string } | null {
    const r = this.db.prepare('SELECT * FROM members_messages WHERE request_id = ?').get(requestId) as MessageRow | undefined
    return r ? { message: message(r), requestHash: r.request_hash ?? '' } : null
  }

  list(limit: number): SentMessage[] {
    return (this.db.prepare('SELECT * FROM members_messages ORDER BY id DESC LIMIT ?').all(limit) as MessageRow[]).map(message)
  }

  pendingRecipients(id: number, limit: number): number[] {
    return this.db
      .prepare('SELECT member_id FROM members_message_recipients WHERE message_id = ? AND handed_at IS NULL ORDER BY member_id LIMIT ?')
      .pluck().all(id, limit) as number[]
  }

  markHanded(id: number, memberIds: readonly number[], now: Date): void {
    this.db.transaction(() => {
      const mark = this.db.prepare('UPDATE members_message_recipients SET handed_at = ? WHERE message_id = ? AND member_id = ? AND handed_at IS NULL')
      let n = 0
      for (const memberId of memberIds) n += mark.run(now.toISOString(), id, memberId).changes
      this.db.prepare('UPDATE members_messages SET handed = handed + ? WHERE id = ?').run(n, id)
    })()
  }

  setState(id: number, state: MessageState): void {
    this.db.prepare('UPDATE members_messages SET state = ? WHERE id = ?').run(state, id)
  }

  unfinished(before: Date): number[] {
    return this.db.prepare("SELECT id FROM members_messages WHERE state <> 'sent' AND sent_at < ? ORDER BY id").pluck().all(before.toISOString()) as number[]
  }
}

export class SqliteJoinAttemptRepository implements JoinAttemptRepository {
  constructor(private readonly db: Db) {}

  count(key: string, since: Date): number {
    return (this.db.prepare('SELECT count(*) AS n FROM members_join_attempts WHERE key = ? AND at >= ?').get(key, since.toISOString()) as { n: number }).n
  }

  add(key: string, at: Date): void {
    this.db.prepare('INSERT INTO members_join_attempts (key, at) VALUES (?, ?)').run(key, at.toISOString())
  }

  prune(before: Date): void {
    this.db.prepare('DELETE FROM members_join_attempts WHERE at < ?').run(before.toISOString())
  }
}
