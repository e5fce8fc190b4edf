import type { Db } from '@maison/db'
import type { SpaceContext } from '@maison/app-contract'
import type { EventsReader, OccurrenceQuery } from '../domain/reader.ts'
import type { EventRecord, Occurrence } from '../domain/model.ts'
import { toEventRecord } from '../domain/record.ts'
import { COLUMNS, fromRow, type EventRow } from './rows.ts'

interface OccurrenceRow extends EventRow {
  o_recurrence_id: string
  o_start: string
  o_end: string
  o_status: Occurrence['status']
}

const MAX_LIMIT = 5000
// Everything but the stored iCalendar text, which readers never need and which is the bulk of a row.
const RECORD_COLUMNS = COLUMNS.filter((c) => c !== 'ics').map((c) => `e.${c}`).join(', ')

function occurrencesSql(q: OccurrenceQuery): string {
  const where = ['o.end_at > @from']
  if (q.to) where.push('o.start_at < @to')
  if (q.tag) where.push('EXISTS (SELECT 1 FROM events_tags t WHERE t.event_id = e.id AND t.tag = @tag)')
  if (q.publicOnly) where.push("e.adopted = 1 AND e.draft = 0 AND e.visibility = 'public' AND (e.publish_at IS NULL OR e.publish_at <= @now)")
  if (!q.includeCancelled) where.push("o.status != 'cancelled' AND e.status != 'cancelled'")
  const order = q.order === 'desc' ? 'DESC' : 'ASC'
  return `SELECT ${RECORD_COLUMNS}, NULL AS ics, o.recurrence_id AS o_recurrence_id, o.start_at AS o_start, o.end_at AS o_end, o.status AS o_status
    FROM events_occurrences o JOIN events_events e ON e.id = o.event_id
    WHERE ${where.join(' AND ')} ORDER BY o.start_at ${order}, e.id LIMIT @limit`
}

/**
 * The EventsReader over the app's index in the space database (never CalDAV): what public pages, feeds and
 * sign-ups read. `clock` decides which scheduled publications have passed.
 */
export function createSqliteEventsReader(clock: () => Date = () => new Date()): EventsReader {
  type Statement = { get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] }
  const statements = new WeakMap<Db, Map<string, Statement>>()
  const prepare = (db: Db, sql: string): Statement => {
    let m = statements.get(db)
    if (!m) statements.set(db, (m = new Map()))
    let s = m.get(sql)
    if (!s) m.set(sql, (s = db.prepare(sql) as unknown as Statement))
    return s
  }
  return {
    get(space: SpaceContext, id: string): EventRecord | null {
      const row = prepare(space.db, `SELECT ${RECORD_COLUMNS}, NULL AS ics FROM events_events e WHERE e.id = ?`).get(id) as EventRow | undefined
      return row ? toEventRecord(fromRow(row), space.baseUrl) : null
    },
    occurrences(space: SpaceContext, q: OccurrenceQuery): Occurrence[] {
      const rows = prepare(space.db, occurrencesSql(q)).all({
        from: q.from.toISOString(), ...(q.to ? { to: q.to.toISOString() } : {}), ...(q.tag ? { tag: q.tag } : {}),
        ...(q.publicOnly ? { now: clock().toISOString() } : {}), limit: Math.min(Math.max(q.limit ?? 1000, 0), MAX_LIMIT),
      }) as OccurrenceRow[]
      const records = new Map<string, EventRecord>()
      return rows.map((r) => {
        let event = records.get(r.id)
        if (!event) records.set(r.id, (event = toEventRecord(fromRow(r), space.baseUrl)))
        const status = event.status === 'cancelled' ? 'cancelled' : r.o_status
        return { event, start: r.o_start, end: r.o_end, recurrenceId: r.o_recurrence_id || null, status }
      })
    },
    version(space: SpaceContext): string {
      // Scheduled publications change what pages show without any write: count the ones already passed.
      const row = prepare(space.db, `SELECT version, (SELECT count(*) FROM events_events WHERE publish_at IS NOT NULL AND publish_at <= ?) AS published
        FROM events_state WHERE id = 1`).get(clock().toISOString()) as { version: number; published: number } | undefined
      return `${row?.version ?? 0}.${row?.published ?? 0}`
    },
    site(space: SpaceContext): { presentationHtml: string } {
      const row = prepare(space.db, 'SELECT site_html FROM events_state WHERE id = 1').get() as { site_html: string } | undefined
      return { presentationHtml: row?.site_html ?? '' }
    },
  }
}

/** The reader with the real clock, for the public side and sign-ups. */
export const sqliteEventsReader: EventsReader = createSqliteEventsReader()
