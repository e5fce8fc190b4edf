import { createHash } from 'node:crypto'
import { Forbidden, NotFound, MethodNotAllowed } from '@maison/errors'
import { indexFields, parseCalendarObject } from '@maison/ical'
import type { CalendarDeps } from './deps.ts'
import { UidConflict } from './errors.ts'
import { purgeTrash } from './calendars.ts'
import type { CalendarView, ObjectMeta } from './model.ts'

/** Largest calendar object accepted (CALDAV:max-resource-size). */
export const MAX_OBJECT_BYTES = 1024 * 1024
/** Changes kept per calendar for sync-collection; older tokens get DAV:valid-sync-token. */
export const CHANGE_LOG_KEEP = 50_000

/** Strong entity tag of an object's text: the same bytes always give the same tag. */
export function etagOf(data: string): string {
  return createHash('sha256').update(data).digest('base64url').slice(0, 27)
}

function assertWritable(view: CalendarView): void {
  if (view.access !== 'read-write') throw new Forbidden('You can read this calendar but not change it.')
}

/**
 * Stores an object resource after validating it (one UID per resource and per calendar).
 * @throws Forbidden without write access; CalendarPreconditionError / CalendarTooLargeError for bad data; UidConflict
 */
export function putObject(deps: CalendarDeps, view: CalendarView, uri: string, text: string): { created: boolean; meta: ObjectMeta } {
  assertWritable(view)
  if (!uri.toLowerCase().endsWith('.ics')) throw new Forbidden('Calendar object names end in .ics.')
  const cal = view.calendar
  const obj = parseCalendarObject(text, { maxBytes: MAX_OBJECT_BYTES, supportedComponents: cal.components, timezone: cal.tzid })
  const f = indexFields(obj, cal.tzid)
  const row = { uri, uid: f.uid, component: f.componentType, firstStart: f.firstStart, lastEnd: f.lastEnd, etag: etagOf(text), data: text }
  const now = deps.clock().getTime()
  return deps.repo.transaction(() => {
    const other = deps.repo.objectByUid(cal.id, f.uid)
    if (other && other.uri !== uri) throw new UidConflict(cal.id, other.uri)
    const existing = deps.repo.objectByUri(cal.id, uri)
    const meta = existing ? deps.repo.replaceObject(existing.id, row, now) : deps.repo.insertObject(cal.id, row, now)
    const seq = deps.repo.logChange(cal.id, uri, 'changed')
    if (seq % 1000 === 0) deps.repo.trimLog(cal.id, CHANGE_LOG_KEEP)
    return { created: !existing, meta }
  })
}

/** Moves an object to the trash. @throws Forbidden without write access; NotFound */
export function deleteObject(deps: CalendarDeps, view: CalendarView, uri: string): void {
  assertWritable(view)
  deps.repo.transaction(() => {
    const o = deps.repo.objectByUri(view.calendar.id, uri)
    if (!o) throw new NotFound('No such calendar object.')
    deps.repo.setObjectDeleted(o.id, deps.clock().getTime())
    deps.repo.logChange(view.calendar.id, uri, 'removed')
  })
  purgeTrash(deps)
}

/** Objects of a calendar in the trash. */
export function deletedObjects(deps: CalendarDeps, view: CalendarView): ObjectMeta[] {
  purgeTrash(deps)
  return deps.repo.deletedObjects(view.calendar.id)
}

/**
 * Brings an object back from the trash.
 * @throws Forbidden without write access; NotFound; MethodNotAllowed when its name or UID is taken again
 */
export function restoreObject(deps: CalendarDeps, view: CalendarView, id: number): ObjectMeta {
  assertWritable(view)
  return deps.repo.transaction(() => {
    const o = deps.repo.deletedObjectById(id)
    if (!o || o.calendarId !== view.calendar.id) throw new NotFound('No such object in this calendar\'s trash.')
    if (deps.repo.objectByUri(o.calendarId, o.uri) || deps.repo.objectByUid(o.calendarId, o.uid)) {
      throw new MethodNotAllowed('An object with the same name or UID exists again.')
    }
    deps.repo.setObjectDeleted(o.id, null)
    deps.repo.logChange(o.calendarId, o.uri, 'changed')
    return deps.repo.objectByUri(o.calendarId, o.uri)!
  })
}
