import { randomUUID } from 'node:crypto'
import { Forbidden, MethodNotAllowed, NotFound, ValidationError } from '@maison/errors'
import { indexFields, parseCalendarObject } from '@maison/ical'
import type { CalendarDeps } from './deps.ts'
import { ASSOCIATION_URI, SHARED_MARK, type Calendar, type CalendarActor, type CalendarPatch, type CalendarView } from './model.ts'

/** Days a deleted calendar or object stays in the trash. */
export const TRASH_DAYS = 30
const DAY = 86_400_000

/** Checks a new calendar's URL segment. @throws ValidationError */
export function assertCalendarUri(uri: string): void {
  const bad = (message: string) => new ValidationError(message, { errors: [{ path: 'uri', message }] })
  if (uri === ASSOCIATION_URI) throw bad('"association" is the association calendar; choose another name.')
  if (uri.includes(SHARED_MARK)) throw bad(`A calendar name may not contain "${SHARED_MARK}".`)
  if (uri.length > 120 || uri.trim() === '' || /[\u0000-\u001f]/.test(uri)) throw bad('A calendar name is 1 to 120 printable characters.')
}

/** The IANA zone named by a calendar-timezone VTIMEZONE, or null when it names none the runtime knows. */
export function zoneOfVtimezone(text: string): string | null {
  const m = /^TZID[^:]*:(.+)$/m.exec(text.replace(/\r\n[ \t]/g, ''))
  const tzid = m?.[1]?.trim()
  if (!tzid) return null
  try {
    new Intl.DateTimeFormat('en', { timeZone: tzid })
    return tzid
  } catch {
    return null
  }
}

function checkPatch(patch: CalendarPatch): CalendarPatch {
  const out: CalendarPatch = { ...patch }
  if (patch.displayName !== undefined && (patch.displayName.length > 200 || patch.displayName.trim() === '')) {
    throw new ValidationError('A calendar name is 1 to 200 characters.', { errors: [{ path: 'displayName', message: 'expected 1 to 200 characters' }] })
  }
  if (patch.color != null && !/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/.test(patch.color)) {
    throw new ValidationError('A calendar colour is #RRGGBB or #RRGGBBAA.', { errors: [{ path: 'color', message: 'expected #RRGGBB or #RRGGBBAA' }] })
  }
  if (patch.description != null && patch.description.length > 4000) {
    throw new ValidationError('A calendar description is at most 4000 characters.', { errors: [{ path: 'description', message: 'too long' }] })
  }
  if (patch.components && (patch.components.length === 0 || patch.components.some((c) => c !== 'VEVENT' && c !== 'VTODO'))) {
    throw new ValidationError('A calendar holds VEVENT and/or VTODO.', { errors: [{ path: 'components', message: 'expected VEVENT, VTODO' }] })
  }
  if (patch.timezone != null) {
    const tzid = zoneOfVtimezone(patch.timezone)
    if (!tzid) throw new ValidationError('calendar-timezone must be a VTIMEZONE with a known TZID.', { errors: [{ path: 'timezone', message: 'unknown TZID' }] })
    out.tzid = tzid
  }
  return out
}

/** Floating times and dates are read in the calendar's zone: re-index every object when it changes. */
function reindex(deps: CalendarDeps, cal: Calendar, tzid: string): void {
  const now = deps.clock().getTime()
  for (const o of deps.repo.allObjects(cal.id)) {
    const obj = parseCalendarObject(o.data, { maxBytes: Infinity, timezone: tzid, supportedComponents: ['VEVENT', 'VTODO', 'VJOURNAL'] })
    const f = indexFields(obj, tzid)
    deps.repo.replaceObject(o.id, { uri: o.uri, uid: o.uid, component: o.component, firstStart: f.firstStart, lastEnd: f.lastEnd, etag: o.etag, data: o.data }, now)
  }
}

/**
 * Creates a personal calendar in the actor's home.
 * @throws ValidationError for a bad name or property; MethodNotAllowed when the segment is taken
 */
export function createCalendar(deps: CalendarDeps, actor: CalendarActor, uri: string, patch: CalendarPatch = {}): Calendar {
  assertCalendarUri(uri)
  const p = checkPatch(patch)
  return deps.repo.transaction(() => {
    if (deps.repo.calendarByUri(actor.username, uri)) throw new MethodNotAllowed('A calendar already exists at this path.')
    const cal = deps.repo.insertCalendar({ owner: actor.username, uri, displayName: p.displayName ?? uri, now: deps.clock().getTime(), ...p })
    if (p.tzid) deps.repo.updateCalendar(cal.id, { tzid: p.tzid }, deps.clock().getTime())
    return deps.repo.calendarById(cal.id)!
  })
}

/** Changes a calendar's properties (all or nothing). @throws Forbidden unless the actor manages it; ValidationError */
export function patchCalendar(deps: CalendarDeps, view: CalendarView, patch: CalendarPatch): Calendar {
  if (!view.manage) throw new Forbidden('Only the owner of this calendar can change its properties.')
  const p = checkPatch(patch)
  return deps.repo.transaction(() => {
    deps.repo.updateCalendar(view.calendar.id, p, deps.clock().getTime())
    if (p.tzid && p.tzid !== view.calendar.tzid) reindex(deps, view.calendar, p.tzid)
    return deps.repo.calendarById(view.calendar.id)!
  })
}

/**
 * Deletes a calendar as the actor sees it: the owner's goes to the trash; a sharee only leaves the share.
 * @throws Forbidden for the association calendar or a share given to a group
 */
export function deleteCalendar(deps: CalendarDeps, actor: CalendarActor, view: CalendarView): void {
  const now = deps.clock().getTime()
  if (view.calendar.uri === ASSOCIATION_URI && view.segment === ASSOCIATION_URI) throw new Forbidden('The association calendar cannot be deleted.')
  if (!view.manage) {
    if (!deps.repo.removeShare(view.calendar.id, 'user', actor.username)) throw new Forbidden('This calendar is shared with your group; ask its owner to remove it.')
    return
  }
  deps.repo.transaction(() => {
    deps.repo.setCalendarDeleted(view.calendar.id, now)
    deps.repo.setPublicToken(view.calendar.id, null)
  })
  purgeTrash(deps)
}

/** Calendars of the actor in the trash. */
export function deletedCalendars(deps: CalendarDeps, actor: CalendarActor): Calendar[] {
  purgeTrash(deps)
  return deps.repo.deletedCalendarsOf(actor.username)
}

/**
 * Brings a calendar back from the trash, under a new segment if its old one was taken meanwhile.
 * @throws NotFound when it is not the actor's or not in the trash
 */
export function restoreCalendar(deps: CalendarDeps, actor: CalendarActor, id: number): Calendar {
  return deps.repo.transaction(() => {
    const cal = deps.repo.calendarById(id, { deleted: true })
    if (!cal || cal.owner !== actor.username) throw new NotFound('No such calendar in your trash.')
    if (deps.repo.calendarByUri(cal.owner, cal.uri)) throw new MethodNotAllowed(`A calendar named ${cal.uri} exists again; rename it first.`)
    deps.repo.setCalendarDeleted(id, null)
    return deps.repo.calendarById(id)!
  })
}

/** Removes what stayed in the trash longer than TRASH_DAYS; returns how many rows went. */
export function purgeTrash(deps: CalendarDeps): number {
  const cutoff = deps.clock().getTime() - TRASH_DAYS * DAY
  return deps.repo.purgeObjectsDeletedBefore(cutoff) + deps.repo.purgeCalendarsDeletedBefore(cutoff)
}

/** A fresh segment for calendars created through the JSON API. */
export function newCalendarUri(): string {
  return randomUUID()
}
