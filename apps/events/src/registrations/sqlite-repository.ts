import { writeTransaction, type Db } from '@maison/db'
import { EMPTY_COUNTS, type Answers, type ParticipantMessage, type Registration, type RegistrationCounts, type RegistrationStatus } from './model.ts'
import type { RegistrationRepository } from './repository.ts'

interface Row {
  id: string
  event_id: string
  event_uid: string
  occurrence_start: string
  occurrence_end: string
  status: RegistrationStatus
  name: string | null
  email: string | null
  account_username: string | null
  answers: string
  language: string
  created_at: string
  email_confirmed_at: string | null
  queued_at: string | null
  seated_at: string | null
  cancelled_at: string | null
  reminded_at: string | null
  purged_at: string | null
}

function toRegistration(r: Row): Registration {
  return {
    id: r.id, eventId: r.event_id, eventUid: r.event_uid, occurrenceStart: r.occurrence_start, occurrenceEnd: r.occurrence_end,
    status: r.status, name: r.name, email: r.email, accountUsername: r.account_username,
    answers: JSON.parse(r.answers) as Answers, language: r.language === 'en' ? 'en' : 'fr',
    createdAt: r.created_at, emailConfirmedAt: r.email_confirmed_at, queuedAt: r.queued_at, seatedAt: r.seated_at,
    cancelledAt: r.cancelled_at, remindedAt: r.reminded_at, purgedAt: r.purged_at,
  }
}

const LIVE = "status NOT IN ('cancelled', 'refused')"

// Instants are compared as text (reminders, purge): one spelling for all of them, whatever the reader used.
const iso = (s: string): string => new Date(s).toISOString()

type Statement = ReturnType<Db["prepare"]> & { get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[]; run(...params: unknown[]): { changes: number } }
// Statements are prepared once per connection: pages and sign-ups build a repository per request.
const prepared = new WeakMap<Db, Map<string, Statement>>()

/** Sign-ups in the space database (tables `events_registrations*`, migration 002). */
export class SqliteRegistrationRepository implements RegistrationRepository {
  private readonly statements: Map<string, Statement>

  constructor(private readonly db: Db) {
    let m = prepared.get(db)
    if (!m) prepared.set(db, (m = new Map()))
    this.statements = m
  }

  private statement(sql: string): Statement {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql) as Statement))
    return s
  }

  atomically<T>(fn: () => T): T {
    // IMMEDIATE takes the write lock before the first read, so two processes cannot both count the same free seat.
    return writeTransaction(this.db, fn)
  }

  linkSecret(): string {
    return (this.statement('SELECT secret FROM events_registration_keys WHERE id = 1').get() as { secret: string }).secret
  }

  insert(reg: Registration): void {
    this.statement(
      `INSERT INTO events_registrations (id, event_id, event_uid, occurrence_start, occurrence_end, status, name, email, account_username,
         answers, language, created_at, email_confirmed_at, queued_at, seated_at, cancelled_at, reminded_at, purged_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      reg.id, reg.eventId, reg.eventUid, iso(reg.occurrenceStart), iso(reg.occurrenceEnd), reg.status, reg.name, reg.email, reg.accountUsername,
      JSON.stringify(reg.answers), reg.language, reg.createdAt, reg.emailConfirmedAt, reg.queuedAt, reg.seatedAt, reg.cancelledAt,
      reg.remindedAt, reg.purgedAt,
    )
  }

  get(id: string): Registration | null {
    const row = this.statement('SELECT * FROM events_registrations WHERE id = ?').get(id) as Row | undefined
    return row ? toRegistration(row) : null
  }

  findLive(eventId: string, occurrenceStart: string, who: { email?: string; accountUsername?: string }): Registration | null {
    const [column, value] = who.accountUsername ? ['account_username', who.accountUsername] : ['email', who.email ?? '']
    const row = this
      .statement(`SELECT * FROM events_registrations WHERE event_id = ? AND occurrence_start = ? AND ${column} = ? AND ${LIVE}`)
      .get(eventId, iso(occurrenceStart), value) as Row | undefined
    return row ? toRegistration(row) : null
  }

  listByEvent(eventId: string): Registration[] {
    const rows = this.statement('SELECT * FROM events_registrations WHERE event_id = ? ORDER BY created_at, rowid').all(eventId) as Row[]
    return rows.map(toRegistration)
  }

  counts(eventId: string, occurrenceStart: string): RegistrationCounts {
    const rows = this
      .statement('SELECT status, count(*) AS n FROM events_registrations WHERE event_id = ? AND occurrence_start = ? GROUP BY status')
      .all(eventId, iso(occurrenceStart)) as { status: RegistrationStatus; n: number }[]
    const counts = { ...EMPTY_COUNTS }
    for (const r of rows) counts[r.status] = r.n
    return counts
  }

  waiting(eventId: string, occurrenceStart: string): Registration[] {
    const rows = this
      .statement("SELECT * FROM events_registrations WHERE event_id = ? AND occurrence_start = ? AND status = 'waiting' ORDER BY queued_at, rowid")
      .all(eventId, iso(occurrenceStart)) as Row[]
    return rows.map(toRegistration)
  }

  occurrencesWithWaiting(after: string): { eventId: string; occurrenceStart: string }[] {
    const rows = this
      .statement("SELECT DISTINCT event_id, occurrence_start FROM events_registrations WHERE status = 'waiting' AND occurrence_start > ? ORDER BY occurrence_start")
      .all(iso(after)) as { event_id: string; occurrence_start: string }[]
    return rows.map((r) => ({ eventId: r.event_id, occurrenceStart: r.occurrence_start }))
  }

  transition(id: string, from: readonly RegistrationStatus[], to: RegistrationStatus, at: Partial<Pick<Registration, 'emailConfirmedAt' | 'queuedAt' | 'seatedAt' | 'cancelledAt'>>): boolean {
    const placeholders = from.map(() => '?').join(', ')
    const info = this
      .statement(
        `UPDATE events_registrations SET status = ?,
           email_confirmed_at = coalesce(?, email_confirmed_at), queued_at = coalesce(?, queued_at),
           seated_at = coalesce(?, seated_at), cancelled_at = coalesce(?, cancelled_at),
           notified_at = CASE WHEN ? THEN NULL ELSE notified_at END
         WHERE id = ? AND status IN (${placeholders})`,
      )
      .run(to, at.emailConfirmedAt ?? null, at.queuedAt ?? null, at.seatedAt ?? null, at.cancelledAt ?? null, to === 'cancelled' ? 0 : 1, id, ...from)
    return info.changes === 1
  }

  dueReminders(from: string, to: string): Registration[] {
    const rows = this
      .statement(
        `SELECT * FROM events_registrations WHERE status = 'confirmed' AND reminded_at IS NULL AND purged_at IS NULL
           AND occurrence_start >= ? AND occurrence_start < ? ORDER BY occurrence_start, id`,
      )
      .all(iso(from), iso(to)) as Row[]
    return rows.map(toRegistration)
  }

  markReminded(id: string, at: string): boolean {
    return this.statement('UPDATE events_registrations SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL').run(at, id).changes === 1
  }

  purgePersonalData(endedBefore: string, at: string): number {
    return this
      .statement(
        `UPDATE events_registrations SET name = NULL, email = NULL, account_username = NULL, answers = '{}', purged_at = ?
         WHERE purged_at IS NULL AND occurrence_end < ?`,
      )
      .run(at, iso(endedBefore)).changes
  }

  markNotified(id: string, status: RegistrationStatus, at: string): void {
    this.statement('UPDATE events_registrations SET notified_at = ? WHERE id = ? AND status = ? AND notified_at IS NULL').run(at, id, status)
  }

  unnotified(): Registration[] {
    const rows = this.statement(
      `SELECT * FROM events_registrations WHERE notified_at IS NULL AND email IS NOT NULL AND purged_at IS NULL
         AND status IN ('confirmed', 'waiting', 'pending', 'refused') ORDER BY rowid LIMIT 1000`,
    ).all() as Row[]
    return rows.map(toRegistration)
  }

  countConfirmSend(id: string, max: number): number | null {
    const row = this.statement('UPDATE events_registrations SET confirm_sends = confirm_sends + 1 WHERE id = ? AND confirm_sends < ? RETURNING confirm_sends')
      .get(id, max) as { confirm_sends: number } | undefined
    return row?.confirm_sends ?? null
  }

  insertMessage(msg: ParticipantMessage): void {
    this
      .statement('INSERT INTO events_registration_messages (id, event_id, subject, body, recipients, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(msg.id, msg.eventId, msg.subject, msg.body, msg.recipients, msg.createdBy, msg.createdAt)
  }
}
