import type { Calendar, CalendarPatch, CalendarShare, Change, NewObject, ObjectMeta, StoredObject } from './model.ts'

/** Storage of calendars, their objects, change log and shares (one space). */
export interface CalendarRepository {
  transaction<T>(fn: () => T): T
  calendarById(id: number, opts?: { deleted?: boolean }): Calendar | undefined
  calendarByUri(owner: string, uri: string): Calendar | undefined
  calendarByToken(token: string): Calendar | undefined
  calendarsOf(owner: string): Calendar[]
  /** Live calendars shared with any of these principals (user or groups). */
  calendarsSharedWith(username: string, groups: readonly string[]): Array<{ calendar: Calendar; share: CalendarShare }>
  deletedCalendarsOf(owner: string): Calendar[]
  insertCalendar(c: { owner: string; uri: string; displayName: string; now: number } & CalendarPatch): Calendar
  updateCalendar(id: number, patch: CalendarPatch, now: number): void
  setCalendarDeleted(id: number, deletedAt: number | null): void
  setPublicToken(id: number, token: string | null): void
  purgeCalendar(id: number): void

  objectMetas(calendarId: number): ObjectMeta[]
  objectByUri(calendarId: number, uri: string): StoredObject | undefined
  objectByUid(calendarId: number, uid: string): ObjectMeta | undefined
  objectsByUris(calendarId: number, uris: readonly string[]): StoredObject[]
  /** Live objects that may overlap [start, end] (inclusive), by component when given. */
  candidates(calendarId: number, component: string | null, start: number, end: number): StoredObject[]
  allObjects(calendarId: number): StoredObject[]
  insertObject(calendarId: number, o: NewObject, now: number): ObjectMeta
  replaceObject(id: number, o: NewObject, now: number): ObjectMeta
  setObjectDeleted(id: number, deletedAt: number | null): void
  deletedObjects(calendarId: number): ObjectMeta[]
  deletedObjectById(id: number): StoredObject | undefined
  purgeObjectsDeletedBefore(cutoff: number): number
  purgeCalendarsDeletedBefore(cutoff: number): number

  /** Records a change and returns its number. */
  logChange(calendarId: number, uri: string, op: Change['op']): number
  changesSince(calendarId: number, seq: number): Change[]
  trimLog(calendarId: number, keep: number): void

  sharesOf(calendarId: number): CalendarShare[]
  setShare(share: CalendarShare): void
  removeShare(calendarId: number, kind: CalendarShare['kind'], principal: string): boolean
}
