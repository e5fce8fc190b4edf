import type { Db } from '@maison/db'
import type { MailLedger, MailMessage, OutboxStore } from '@maison/mail'

export interface OutboxEntry {
  id: number
  key: string
  to: string
  subject: string
  text: string
  createdAt: string
}

export class SqliteMailLedger implements MailLedger {
  constructor(private readonly db: Db) {}

  wasSent(key: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM mail_sent WHERE key = ?').get(key)
  }

  markSent(key: string, at: Date): void {
    this.db.prepare('INSERT INTO mail_sent (key, sent_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, at.toISOString())
  }
}

/** Mail kept on the platform when no SMTP server is configured (embedded default). */
export class SqliteOutbox implements OutboxStore {
  constructor(private readonly db: Db) {}

  add(msg: MailMessage, at: Date): void {
    this.db
      .prepare('INSERT INTO mail_outbox (key, recipient, subject, body_text, body_html, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(msg.key, msg.to, msg.subject, msg.text, msg.html ?? null, at.toISOString())
  }

  list(limit = 100): OutboxEntry[] {
    return this.db
      .prepare('SELECT id, key, recipient AS "to", subject, body_text AS text, created_at AS createdAt FROM mail_outbox ORDER BY id DESC LIMIT ?')
      .all(limit) as OutboxEntry[]
  }
}
