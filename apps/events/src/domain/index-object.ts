import { randomBytes } from 'node:crypto'
import { expandOccurrences } from '../caldav/expand.ts'
import { readEvent } from '../caldav/ics.ts'
import type { CalendarFields, StoredObject } from './calendar.ts'
import type { EventsEnv } from './env.ts'
import type { StoredEvent } from './repository.ts'
import { EXPANSION } from './rrule.ts'
import { DAY_MS } from './time.ts'

/** A short URL-safe id for the app's URLs. */
export function newEventId(): string {
  return randomBytes(9).toString('base64url')
}

/** The calendar fields of an event, for comparison and rewriting. */
export function calendarFieldsOf(e: CalendarFields): CalendarFields {
  const { uid, title, descriptionHtml, descriptionText, start, end, timezone, allDay, rrule, address, status, tags } = e
  return { uid, title, descriptionHtml, descriptionText, start, end, timezone, allDay, rrule, address, status, tags }
}

/** Defaults of what only the app knows, for an event found in the calendar (members only until an organiser says otherwise). */
function fromCalendar(f: CalendarFields, obj: StoredObject, actor: string, now: string): StoredEvent {
  return {
    ...f, id: newEventId(), resource: obj.name, etag: obj.etag, ics: obj.ics, origin: 'calendar', adopted: false,
    category: null, onlineUrl: null, picture: null, visibility: 'members', draft: false, publishAt: null, organiserContact: null,
    capacity: null, joinMode: 'none', externalUrl: null, questions: [], accessibility: null, createdBy: actor, createdAt: now, updatedAt: now,
  }
}

/** Materialises an event's occurrences up to the horizon (endless rules are extended later by the sync job). */
export function expandInto(env: EventsEnv, e: StoredEvent): void {
  if (!e.ics) return
  const horizon = Math.max(env.clock().getTime(), e.start) + EXPANSION.horizonDays * DAY_MS
  let occurrences
  try {
    occurrences = expandOccurrences(e.ics, e.timezone, e.start, horizon)
  } catch {
    // An object the expansion refuses still shows as its first occurrence.
    occurrences = [{ start: e.start, end: e.end, recurrenceId: null, status: e.status }]
  }
  env.repo.setOccurrences(e.id, occurrences, e.rrule ? horizon : Number.MAX_SAFE_INTEGER / 2)
}

/**
 * Brings one calendar object into the index: updates the event with that UID (what only the app knows
 * stays), or adds it as "calendar only" when the app has never seen it. Objects without a VEVENT are ignored.
 * Answers whether the index changed.
 */
export function applyObject(env: EventsEnv, obj: StoredObject): boolean {
  const f = readEvent(obj.ics, env.settings.timezone)
  if (!f || !f.uid) return false
  const now = env.clock().toISOString()
  return env.repo.transaction(() => {
    const existing = env.repo.byUid(f.uid) ?? env.repo.byResource(obj.name)
    if (existing && existing.ics === obj.ics && existing.resource === obj.name) {
      if (existing.etag !== obj.etag) env.repo.update({ ...existing, etag: obj.etag })
      return false
    }
    const other = env.repo.byResource(obj.name)
    if (other && other.uid !== f.uid) env.repo.delete(other.id)
    const next: StoredEvent = existing
      ? { ...existing, ...f, resource: obj.name, etag: obj.etag, ics: obj.ics, updatedAt: now }
      : fromCalendar(f, obj, env.settings.actor, now)
    if (existing) env.repo.update(next)
    else env.repo.insert(next)
    expandInto(env, next)
    env.repo.bumpVersion()
    return true
  })
}

/** Removes the event of an object that left the calendar. Answers whether one was there. */
export function forgetObject(env: EventsEnv, name: string): boolean {
  return env.repo.transaction(() => {
    const e = env.repo.byResource(name)
    if (!e) return false
    env.repo.delete(e.id)
    env.repo.bumpVersion()
    return true
  })
}
