import { writeTransaction, type Db } from '@maison/db'
import type { Statement } from 'better-sqlite3'
import type { CalendarRepository } from './repository.ts'
import type { Calendar, CalendarPatch, CalendarShare, Change, ComponentName, NewObject, ObjectMeta, StoredObject } from './model.ts'

interface CalendarRow {
  id: number; owner: string; uri: string; display_name: string; description: string | null; color: string | null
  sort_order: number | null; timezone: string | null; tzid: string; components: string; dead_props: string
  sync_seq: number; log_floor: number; public_token: string | null; created_at: number; updated_at: number; deleted_at: number | null
}

interface ObjectRow {
  id: number; calendar_id: number; uri: string; uid: string; component: string; first_start: number | null; last_end: number | null
  etag: string; size: number; created_at: number; updated_at: number; deleted_at: number | null; data?: string
}

const toCalendar = (r: CalendarRow): Calendar => ({
  id: r.id, owner: r.owner, uri: r.uri, displayName: r.display_name, description: r.description, color: r.color,
  order: r.sort_order, timezone: r.timezone, tzid: r.tzid, components: r.components.split(',') as ComponentName[],
  deadProps: JSON.parse(r.dead_props) as Record<string, string>, syncSeq: r.sync_seq, logFloor: r.log_floor,
  publicToken: r.public_token, createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at,
})

const toMeta = (r: ObjectRow): ObjectMeta => ({
  id: r.id, calendarId: r.calendar_id, uri: r.uri, uid: r.uid, component: r.component, firstStart: r.first_start,
  lastEnd: r.last_end, etag: r.etag, size: r.size, createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at,
})

// Built field by field, not by spreading toMeta: a multiget or a month's query maps hundreds of rows.
const toObject = (r: ObjectRow): StoredObject => ({
  id: r.id, calendarId: r.calendar_id, uri: r.uri, uid: r.uid, component: r.component, firstStart: r.first_start,
  lastEnd: r.last_end, etag: r.etag, size: r.size, createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at, data: r.data!,
})

const META = 'id, calendar_id, uri, uid, component, first_start, last_end, etag, size, created_at, updated_at, deleted_at'
// Named as StoredObject's fields, so that the rows of a multiget or a month's query are used as they come.
const OBJECT = `id, calendar_id AS calendarId, uri, uid, component, first_start AS firstStart, last_end AS lastEnd, etag, size,
  created_at AS createdAt, updated_at AS updatedAt, deleted_at AS deletedAt, data`
const LIVE = 'deleted_at IS NULL'

/** better-sqlite3 implementation; statements are prepared once per database. */
export class SqliteCalendarRepository implements CalendarRepository {
  private static readonly cache = new WeakMap<Db, Map<string, Statement>>()

  constructor(private readonly db: Db) {}

  private st(sql: string): Statement {
    let m = SqliteCalendarRepository.cache.get(this.db)
    if (!m) SqliteCalendarRepository.cache.set(this.db, (m = new Map()))
    let s = m.get(sql)
    if (!s) m.set(sql, (s = this.db.prepare(sql)))
    return s
  }

  /** IMMEDIATE: a transaction that reads then writes would otherwise fail at once with SQLITE_BUSY when another process writes. */
  transaction<T>(fn: () => T): T {
    return writeTransaction(this.db, fn)
  }

  calendarById(id: number, opts: { deleted?: boolean } = {}): Calendar | undefined {
    const r = this.st(`SELECT * FROM calendars WHERE id = ? AND deleted_at IS ${opts.deleted ? 'NOT NULL' : 'NULL'}`).get(id) as CalendarRow | undefined
    return r && toCalendar(r)
  }

  calendarByUri(owner: string, uri: string): Calendar | undefined {
    const r = this.st(`SELECT * FROM calendars WHERE owner = ? AND uri = ? AND ${LIVE}`).get(owner, uri) as CalendarRow | undefined
    return r && toCalendar(r)
  }

  calendarByToken(token: string): Calendar | undefined {
    const r = this.st(`SELECT * FROM calendars WHERE public_token = ? AND ${LIVE}`).get(token) as CalendarRow | undefined
    return r && toCalendar(r)
  }

  calendarsOf(owner: string): Calendar[] {
    return (this.st(`SELECT * FROM calendars WHERE owner = ? AND ${LIVE} ORDER BY id`).all(owner) as CalendarRow[]).map(toCalendar)
  }

  calendarsSharedWith(username: string, groups: readonly string[]): Array<{ calendar: Calendar; share: CalendarShare }> {
    const rows = this.st(
      `SELECT c.*, s.kind AS s_kind, s.principal AS s_principal, s.access AS s_access FROM calendar_shares s JOIN calendars c ON c.id = s.calendar_id
       WHERE c.deleted_at IS NULL AND ((s.kind = 'user' AND s.principal = ?) OR (s.kind = 'group' AND s.principal IN (SELECT value FROM json_each(?))))
       ORDER BY c.id`,
    ).all(username, JSON.stringify(groups)) as Array<CalendarRow & { s_kind: 'user' | 'group'; s_principal: string; s_access: CalendarShare['access'] }>
    return rows.map((r) => ({ calendar: toCalendar(r), share: { calendarId: r.id, kind: r.s_kind, principal: r.s_principal, access: r.s_access } }))
  }

  deletedCalendarsOf(owner: string): Calendar[] {
    return (this.st('SELECT * FROM calendars WHERE owner = ? AND deleted_at IS NOT NULL ORDER BY deleted_at DESC').all(owner) as CalendarRow[]).map(toCalendar)
  }

  insertCalendar(c: { owner: string; uri: string; displayName: string; now: number } & CalendarPatch): Calendar {
    const info = this.st(
      `INSERT INTO calendars (owner, uri, display_name, description, color, sort_order, timezone, components, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(c.owner, c.uri, c.displayName, c.description ?? null, c.color ?? null, c.order ?? null, c.timezone ?? null, (c.components ?? ['VEVENT', 'VTODO']).join(','), c.now, c.now)
    const id = Number(info.lastInsertRowid)
    if (c.deadProps) this.updateCalendar(id, { deadProps: c.deadProps }, c.now)
    return this.calendarById(id)!
  }

  updateCalendar(id: number, patch: CalendarPatch, now: number): void {
    const cur = this.st('SELECT * FROM calendars WHERE id = ?').get(id) as CalendarRow | undefined
    if (!cur) return
    const dead = JSON.parse(cur.dead_props) as Record<string, string>
    for (const [k, v] of Object.entries(patch.deadProps ?? {})) {
      if (v === null) delete dead[k]
      else dead[k] = v
    }
    const has = (k: keyof CalendarPatch) => Object.prototype.hasOwnProperty.call(patch, k)
    this.st(
      `UPDATE calendars SET display_name = ?, description = ?, color = ?, sort_order = ?, timezone = ?, components = ?, tzid = ?, dead_props = ?, updated_at = ?
       WHERE id = ?`,
    ).run(
      patch.displayName ?? cur.display_name,
      has('description') ? (patch.description ?? null) : cur.description,
      has('color') ? (patch.color ?? null) : cur.color,
      has('order') ? (patch.order ?? null) : cur.sort_order,
      has('timezone') ? (patch.timezone ?? null) : cur.timezone,
      patch.components ? patch.components.join(',') : cur.components,
      patch.tzid ?? cur.tzid, JSON.stringify(dead), now, id,
    )
  }

  setCalendarDeleted(id: number, deletedAt: number | null): void {
    this.st('UPDATE calendars SET deleted_at = ? WHERE id = ?').run(deletedAt, id)
  }

  setPublicToken(id: number, token: string | null): void {
    this.st('UPDATE calendars SET public_token = ? WHERE id = ?').run(token, id)
  }

  purgeCalendar(id: number): void {
    this.st('DELETE FROM calendars WHERE id = ?').run(id)
  }

  objectMetas(calendarId: number): ObjectMeta[] {
    return (this.st(`SELECT ${META} FROM calendar_objects WHERE calendar_id = ? AND ${LIVE} ORDER BY uri`).all(calendarId) as ObjectRow[]).map(toMeta)
  }

  objectByUri(calendarId: number, uri: string): StoredObject | undefined {
    const r = this.st(`SELECT * FROM calendar_objects WHERE calendar_id = ? AND uri = ? AND ${LIVE}`).get(calendarId, uri) as ObjectRow | undefined
    return r && toObject(r)
  }

  objectByUid(calendarId: number, uid: string): ObjectMeta | undefined {
    const r = this.st(`SELECT ${META} FROM calendar_objects WHERE calendar_id = ? AND uid = ? AND ${LIVE}`).get(calendarId, uid) as ObjectRow | undefined
    return r && toMeta(r)
  }

  objectsByUris(calendarId: number, uris: readonly string[]): StoredObject[] {
    if (uris.length === 0) return []
    return this.st(`SELECT ${OBJECT} FROM calendar_objects WHERE calendar_id = ? AND ${LIVE} AND uri IN (SELECT value FROM json_each(?))`).all(calendarId, JSON.stringify(uris)) as StoredObject[]
  }

  candidates(calendarId: number, component: string | null, start: number, end: number): StoredObject[] {
    // The @maison/ical pre-filter recipe; bounds inclusive, a superset is safe.
    const sql = `SELECT ${OBJECT} FROM calendar_objects WHERE calendar_id = @cal AND ${LIVE} ${component ? 'AND component = @component' : ''}
      AND (first_start IS NULL OR first_start <= @end) AND (last_end IS NULL OR last_end >= @start)`
    const clamp = (n: number) => (n === Infinity ? Number.MAX_SAFE_INTEGER : n === -Infinity ? Number.MIN_SAFE_INTEGER : n)
    return this.st(sql).all({ cal: calendarId, component, start: clamp(start), end: clamp(end) }) as StoredObject[]
  }

  allObjects(calendarId: number): StoredObject[] {
    return (this.st(`SELECT * FROM calendar_objects WHERE calendar_id = ? AND ${LIVE}`).all(calendarId) as ObjectRow[]).map(toObject)
  }

  insertObject(calendarId: number, o: NewObject, now: number): ObjectMeta {
    const info = this.st(
      `INSERT INTO calendar_objects (calendar_id, uri, uid, component, first_start, last_end, etag, size, data, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(calendarId, o.uri, o.uid, o.component, o.firstStart, o.lastEnd, o.etag, Buffer.byteLength(o.data), o.data, now, now)
    return toMeta(this.st(`SELECT ${META} FROM calendar_objects WHERE id = ?`).get(Number(info.lastInsertRowid)) as ObjectRow)
  }

  replaceObject(id: number, o: NewObject, now: number): ObjectMeta {
    this.st(
      `UPDATE calendar_objects SET uid = ?, component = ?, first_start = ?, last_end = ?, etag = ?, size = ?, data = ?, updated_at = ? WHERE id = ?`,
    ).run(o.uid, o.component, o.firstStart, o.lastEnd, o.etag, Buffer.byteLength(o.data), o.data, now, id)
    return toMeta(this.st(`SELECT ${META} FROM calendar_objects WHERE id = ?`).get(id) as ObjectRow)
  }

  setObjectDeleted(id: number, deletedAt: number | null): void {
    this.st('UPDATE calendar_objects SET deleted_at = ? WHERE id = ?').run(deletedAt, id)
  }

  deletedObjects(calendarId: number): ObjectMeta[] {
    return (this.st(`SELECT ${META} FROM calendar_objects WHERE calendar_id = ? AND deleted_at IS NOT NULL ORDER BY deleted_at DESC`).all(calendarId) as ObjectRow[]).map(toMeta)
  }

  deletedObjectById(id: number): StoredObject | undefined {
    const r = this.st('SELECT * FROM calendar_objects WHERE id = ? AND deleted_at IS NOT NULL').get(id) as ObjectRow | undefined
    return r && toObject(r)
  }

  purgeObjectsDeletedBefore(cutoff: number): number {
    return this.st('DELETE FROM calendar_objects WHERE deleted_at IS NOT NULL AND deleted_at < ?').run(cutoff).changes
  }

  purgeCalendarsDeletedBefore(cutoff: number): number {
    return this.st('DELETE FROM calendars WHERE deleted_at IS NOT NULL AND deleted_at < ?').run(cutoff).changes
  }

  logChange(calendarId: number, uri: string, op: Change['op']): number {
    const row = this.st('UPDATE calendars SET sync_seq = sync_seq + 1 WHERE id = ? RETURNING sync_seq').get(calendarId) as { sync_seq: number }
    this.st('INSERT INTO calendar_changes (calendar_id, seq, uri, op) VALUES (?, ?, ?, ?)').run(calendarId, row.sync_seq, uri, op === 'changed' ? 1 : 2)
    return row.sync_seq
  }

  changesSince(calendarId: number, seq: number): Change[] {
    const rows = this.st('SELECT seq, uri, op FROM calendar_changes WHERE calendar_id = ? AND seq > ? ORDER BY seq').all(calendarId, seq) as Array<{ seq: number; uri: string; op: number }>
    return rows.map((r) => ({ seq: r.seq, uri: r.uri, op: r.op === 1 ? 'changed' : 'removed' }))
  }

  trimLog(calendarId: number, keep: number): void {
    const cal = this.st('SELECT sync_seq FROM calendars WHERE id = ?').get(calendarId) as { sync_seq: number } | undefined
    if (!cal || cal.sync_seq <= keep) return
    const floor = cal.sync_seq - keep
    this.st('DELETE FROM calendar_changes WHERE calendar_id = ? AND seq <= ?').run(calendarId, floor)
    this.st('UPDATE calendars SET log_floor = MAX(log_floor, ?) WHERE id = ?').run(floor, calendarId)
  }

  sharesOf(calendarId: number): CalendarShare[] {
    const rows = this.st('SELECT calendar_id, kind, principal, access FROM calendar_shares WHERE calendar_id = ? ORDER BY kind, principal').all(calendarId) as Array<{ calendar_id: number; kind: 'user' | 'group'; principal: string; access: CalendarShare['access'] }>
    return rows.map((r) => ({ calendarId: r.calendar_id, kind: r.kind, principal: r.principal, access: r.access }))
  }

  setShare(s: CalendarShare): void {
    this.st('INSERT INTO calendar_shares (calendar_id, kind, principal, access) VALUES (?, ?, ?, ?) ON CONFLICT (calendar_id, kind, principal) DO UPDATE SET access = excluded.access')
      .run(s.calendarId, s.kind, s.principal, s.access)
  }

  removeShare(calendarId: number, kind: CalendarShare['kind'], principal: string): boolean {
    return this.st('DELETE FROM calendar_shares WHERE calendar_id = ? AND kind = ? AND principal = ?').run(calendarId, kind, principal).changes > 0
  }
}
