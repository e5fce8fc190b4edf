import { writeTransaction, type Db } from '@maison/db'
import type { MaterialisedOccurrence } from '../domain/calendar.ts'
import type { EventListFilter, EventsRepository, StoredEvent } from '../domain/repository.ts'
import { COLUMNS, fromRow, toParams, type EventRow } from './rows.ts'

const iso = (ms: number) => new Date(ms).toISOString()
const INSERT = `INSERT INTO events_events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`
const UPDATE = `UPDATE events_events SET ${COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`

/** The events index in the space database (tables events_*). */
export class SqliteEventsRepository implements EventsRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return writeTransaction(this.db, fn)
  }

  private one(where: string, value: string): StoredEvent | null {
    const row = this.db.prepare(`SELECT * FROM events_events WHERE ${where} = ?`).get(value) as EventRow | undefined
    return row ? fromRow(row) : null
  }

  byId(id: string): StoredEvent | null {
    return this.one('id', id)
  }

  byUid(uid: string): StoredEvent | null {
    return this.one('uid', uid)
  }

  byResource(resource: string): StoredEvent | null {
    return this.one('resource', resource)
  }

  list(f: EventListFilter): { total: number; items: StoredEvent[] } {
    const where: string[] = []
    const params: Record<string, string | number> = {}
    if (f.from !== undefined || f.to !== undefined) {
      const conds = ['o.event_id = e.id']
      if (f.from !== undefined) conds.push('o.end_at > @from')
      if (f.to !== undefined) conds.push('o.start_at < @to')
      where.push(`EXISTS (SELECT 1 FROM events_occurrences o WHERE ${conds.join(' AND ')})`)
      if (f.from !== undefined) params.from = iso(f.from)
      if (f.to !== undefined) params.to = iso(f.to)
    }
    if (f.tag) {
      where.push('EXISTS (SELECT 1 FROM events_tags t WHERE t.event_id = e.id AND t.tag = @tag)')
      params.tag = f.tag
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const total = (this.db.prepare(`SELECT count(*) AS n FROM events_events e ${clause}`).get(params) as { n: number }).n
    const rows = this.db.prepare(`SELECT * FROM events_events e ${clause} ORDER BY e.start_at, e.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: f.limit, offset: f.offset }) as EventRow[]
    return { total, items: rows.map(fromRow) }
  }

  private writeTags(e: StoredEvent): void {
    this.db.prepare('DELETE FROM events_tags WHERE event_id = ?').run(e.id)
    const add = this.db.prepare('INSERT OR IGNORE INTO events_tags (event_id, tag) VALUES (?, ?)')
    for (const t of e.tags) add.run(e.id, t)
  }

  insert(e: StoredEvent): void {
    this.db.prepare(INSERT).run(toParams(e))
    this.writeTags(e)
  }

  update(e: StoredEvent): void {
    this.db.prepare(UPDATE).run(toParams(e))
    this.writeTags(e)
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM events_events WHERE id = ?').run(id)
  }

  setOccurrences(id: string, occurrences: readonly MaterialisedOccurrence[], expandedUntil: number): void {
    this.db.prepare('DELETE FROM events_occurrences WHERE event_id = ?').run(id)
    const add = this.db.prepare('INSERT OR REPLACE INTO events_occurrences (event_id, recurrence_id, start_at, end_at, status) VALUES (?, ?, ?, ?, ?)')
    for (const o of occurrences) add.run(id, o.recurrenceId === null ? '' : iso(o.recurrenceId), iso(o.start), iso(o.end), o.status)
    this.db.prepare('UPDATE events_events SET expanded_until = ? WHERE id = ?').run(iso(expandedUntil), id)
  }

  occurrencesOf(id: string): MaterialisedOccurrence[] {
    const rows = this.db.prepare('SELECT recurrence_id, start_at, end_at, status FROM events_occurrences WHERE event_id = ? ORDER BY start_at').all(id) as
      { recurrence_id: string; start_at: string; end_at: string; status: MaterialisedOccurrence['status'] }[]
    return rows.map((r) => ({ start: Date.parse(r.start_at), end: Date.parse(r.end_at), recurrenceId: r.recurrence_id ? Date.parse(r.recurrence_id) : null, status: r.status }))
  }

  etags(): Map<string, string> {
    const rows = this.db.prepare('SELECT resource, etag FROM events_events WHERE resource IS NOT NULL AND ics IS NOT NULL').all() as { resource: string; etag: string | null }[]
    return new Map(rows.map((r) => [r.resource, r.etag ?? '']))
  }

  needingExpansion(before: number): StoredEvent[] {
    const rows = this.db.prepare("SELECT * FROM events_events WHERE rrule IS NOT NULL AND ics IS NOT NULL AND (expanded_until IS NULL OR expanded_until < ?)").all(iso(before)) as EventRow[]
    return rows.map(fromRow)
  }

  syncToken(): string | null {
    return (this.db.prepare('SELECT sync_token FROM events_state WHERE id = 1').get() as { sync_token: string | null }).sync_token
  }

  setSyncToken(token: string | null, at: Date): void {
    this.db.prepare('UPDATE events_state SET sync_token = ?, synced_at = ? WHERE id = 1').run(token, at.toISOString())
  }

  bumpVersion(): void {
    this.db.prepare('UPDATE events_state SET version = version + 1 WHERE id = 1').run()
  }

  siteHtml(): string {
    return (this.db.prepare('SELECT site_html FROM events_state WHERE id = 1').get() as { site_html: string }).site_html
  }

  setSiteHtml(html: string): void {
    this.db.prepare('UPDATE events_state SET site_html = ?, version = version + 1 WHERE id = 1').run(html)
  }

  tags(): { tag: string; count: number }[] {
    return this.db.prepare('SELECT min(tag) AS tag, count(*) AS count FROM events_tags GROUP BY tag COLLATE NOCASE ORDER BY count DESC, tag').all() as { tag: string; count: number }[]
  }

  pictureInUse(name: string, exceptId: string): boolean {
    return this.db.prepare('SELECT 1 FROM events_events WHERE picture = ? AND id != ? LIMIT 1').get(name, exceptId) !== undefined
  }
}
