import type { Db } from '@maison/db'
import type { ReminderCandidate, ReminderRepository } from '../domain/repositories.ts'
import type { ReminderRuleInput } from '../domain/schemas.ts'
import type { ReminderRule, SentReminder } from '../domain/types.ts'
import { memberFromRow, type MemberRow } from './sqlite-members.ts'

interface RuleRow {
  id: number; activity_id: number; offset_days: number; subject_fr: string; body_fr: string; subject_en: string; body_en: string; enabled: number
}
const rule = (r: RuleRow): ReminderRule => ({
  id: r.id, activityId: r.activity_id, offsetDays: r.offset_days, enabled: !!r.enabled,
  templates: { fr: { subject: r.subject_fr, body: r.body_fr }, en: { subject: r.subject_en, body: r.body_en } },
})
interface SentRow {
  id: number; key: string; rule_id: number; member_id: number; expires_on: string; email: string; subject: string; body: string
  decided_at: string; enqueued_at: string | null
}
const sent = (r: SentRow): SentReminder & { body: string } => ({
  id: r.id, key: r.key, ruleId: r.rule_id, memberId: r.member_id, expiresOn: r.expires_on, email: r.email, subject: r.subject,
  body: r.body, decidedAt: r.decided_at, enqueuedAt: r.enqueued_at,
})
const ruleParams = (r: ReminderRuleInput) => ({
  offset: r.offsetDays, sfr: r.templates.fr.subject, bfr: r.templates.fr.body, sen: r.templates.en.subject, ben: r.templates.en.body, enabled: r.enabled ? 1 : 0,
})

export class SqliteReminderRepository implements ReminderRepository {
  constructor(private readonly db: Db) {}

  listRules(activityId?: number): ReminderRule[] {
    const rows = (activityId === undefined
      ? this.db.prepare('SELECT * FROM members_reminder_rules ORDER BY activity_id, offset_days').all()
      : this.db.prepare('SELECT * FROM members_reminder_rules WHERE activity_id = ? ORDER BY offset_days').all(activityId)) as RuleRow[]
    return rows.map(rule)
  }

  getRule(id: number): ReminderRule | null {
    const r = this.db.prepare('SELECT * FROM members_reminder_rules WHERE id = ?').get(id) as RuleRow | undefined
    return r ? rule(r) : null
  }

  insertRule(activityId: number, r: ReminderRuleInput, now: Date): ReminderRule {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO members_reminder_rules (activity_id, offset_days, subject_fr, body_fr, subject_en, body_en, enabled, created_at)
         VALUES (@activity, @offset, @sfr, @bfr, @sen, @ben, @enabled, @at)`,
      )
      .run({ ...ruleParams(r), activity: activityId, at: now.toISOString() })
    return this.getRule(Number(lastInsertRowid))!
  }

  updateRule(id: number, r: ReminderRuleInput): ReminderRule {
    this.db
      .prepare(
        `UPDATE members_reminder_rules SET offset_days=@offset, subject_fr=@sfr, body_fr=@bfr, subject_en=@sen, body_en=@ben, enabled=@enabled WHERE id=@id`,
      )
      .run({ ...ruleParams(r), id })
    return this.getRule(id)!
  }

  deleteRule(id: number): void {
    this.db.prepare('DELETE FROM members_reminder_rules WHERE id = ?').run(id)
  }

  candidates(activityId: number, expiresFrom: string, expiresTo: string): ReminderCandidate[] {
    const rows = this.db
      .prepare(
        `SELECT m.*, ifnull(c.hidden, 0) AS c_hidden, a.name AS a_name,
           s.id AS s_id, s.fee_id AS s_fee_id, s.amount_due_cents AS s_due, s.starts_on AS s_starts, s.expires_on AS s_expires, s.created_at AS s_created,
           (SELECT ifnull(sum(p.amount_cents), 0) FROM members_payments p WHERE p.subscription_id = s.id) AS s_paid
         FROM members_members m
         JOIN members_subscriptions s ON s.id = (SELECT id FROM members_subscriptions x WHERE x.member_id = m.id ORDER BY x.starts_on DESC, x.id DESC LIMIT 1)
         JOIN members_activities a ON a.id = s.activity_id
         LEFT JOIN members_categories c ON c.id = m.category_id
         WHERE s.activity_id = ? AND s.expires_on BETWEEN ? AND ?
         ORDER BY m.id`,
      )
      .all(activityId, expiresFrom, expiresTo) as (MemberRow & {
      c_hidden: number; a_name: string; s_id: number; s_fee_id: number | null; s_due: number; s_starts: string; s_expires: string; s_created: string; s_paid: number
    })[]
    return rows.map((r) => ({
      member: memberFromRow(r),
      categoryHidden: !!r.c_hidden,
      activityName: r.a_name,
      paidCents: r.s_paid,
      subscription: {
        id: r.s_id, memberId: r.id, activityId, feeId: r.s_fee_id, amountDueCents: r.s_due, startsOn: r.s_starts, expiresOn: r.s_expires, createdAt: r.s_created,
      },
    }))
  }

  record(r: Omit<SentReminder, 'id' | 'enqueuedAt'> & { body: string }): boolean {
    const { changes } = this.db
      .prepare(
        `INSERT INTO members_reminders_sent (key, rule_id, member_id, expires_on, email, subject, body, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(r.key, r.ruleId, r.memberId, r.expiresOn, r.email, r.subject, r.body, r.decidedAt)
    return changes === 1
  }

  unqueued(limit: number): (SentReminder & { body: string })[] {
    return (this.db.prepare('SELECT * FROM members_reminders_sent WHERE enqueued_at IS NULL ORDER BY id LIMIT ?').all(limit) as SentRow[]).map(sent)
  }

  markQueued(ids: number[], at: Date): void {
    const stmt = this.db.prepare('UPDATE members_reminders_sent SET enqueued_at = ? WHERE id = ?')
    this.db.transaction(() => {
      for (const id of ids) stmt.run(at.toISOString(), id)
    })()
  }

  sentTo(memberId: number): SentReminder[] {
    return (this.db.prepare('SELECT * FROM members_reminders_sent WHERE member_id = ? ORDER BY id DESC').all(memberId) as SentRow[]).map((r) => {
      const { body: _body, ...rest } = sent(r)
      return rest
    })
  }

  forgetMember(memberId: number): void {
    this.db.prepare('DELETE FROM members_reminders_sent WHERE member_id = ?').run(memberId)
  }
}
