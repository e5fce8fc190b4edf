import { randomUUID } from 'node:crypto'
import { newEventIcs, updateEventIcs, readEvent } from '../caldav/ics.ts'
import type { CalendarFields } from './calendar.ts'
import type { EventsEnv } from './env.ts'
import { applyObject, calendarFieldsOf, newEventId } from './index-object.ts'
import { fieldError, type CreateBody, type EventBody } from './input.ts'
import type { AppFields, StoredEvent } from './repository.ts'
import { resolveSchedule, type Schedule } from './schedule.ts'
import { formatDate, utcToWall } from './time.ts'
import { htmlToText, sanitizeRichText } from './text.ts'
import { extrasOf, requireEvent, rewriteObject } from './write.ts'

/** The question ids an organiser left out, filled in (answers are keyed by them). */
function questionsOf(body: EventBody, current: AppFields | null): AppFields['questions'] {
  if (!body.questions) return current?.questions ?? []
  const used = new Set<string>()
  return body.questions.map((q, i) => {
    let id = q.id ?? `q${i + 1}`
    while (used.has(id)) id = `${id}-${i + 1}`
    used.add(id)
    return { id, label: q.label, type: q.type, required: q.required, ...(q.type === 'choice' ? { choices: q.choices ?? [] } : {}) }
  })
}

/** What only the app knows, from a body over the current values. @throws ValidationError */
function appFieldsOf(body: EventBody, current: AppFields | null): AppFields {
  const pick = <K extends keyof AppFields>(k: K, v: AppFields[K] | undefined, fallback: AppFields[K]): AppFields[K] => (v !== undefined ? v : current ? current[k] : fallback)
  const next: AppFields = {
    category: pick('category', body.category, null),
    onlineUrl: pick('onlineUrl', body.onlineUrl, null),
    picture: current?.picture ?? null,
    visibility: pick('visibility', body.visibility, 'public'),
    draft: pick('draft', body.draft, false),
    publishAt: pick('publishAt', body.publishAt === null || body.publishAt === undefined ? body.publishAt : new Date(body.publishAt).toISOString(), null),
    organiserContact: pick('organiserContact', body.organiserContact, null),
    capacity: pick('capacity', body.capacity, null),
    joinMode: pick('joinMode', body.joinMode, 'free'),
    externalUrl: pick('externalUrl', body.externalUrl, null),
    questions: questionsOf(body, current),
    accessibility: pick('accessibility', body.accessibility === undefined ? undefined : body.accessibility?.trim() || null, null),
  }
  if (next.joinMode === 'external' && !next.externalUrl) throw fieldError('externalUrl', 'required when joinMode is "external"')
  return next
}

/** The calendar fields a body sets, over `current` (only what the body names). @throws ValidationError */
function calendarPatchOf(body: EventBody, schedule: Schedule | null): Partial<CalendarFields> {
  const patch: Partial<CalendarFields> = {}
  if (body.title !== undefined) patch.title = body.title
  if (body.description !== undefined) {
    patch.descriptionHtml = sanitizeRichText(body.description)
    patch.descriptionText = htmlToText(patch.descriptionHtml)
  }
  if (schedule) Object.assign(patch, schedule)
  if (body.address !== undefined) patch.address = body.address
  if (body.status !== undefined) patch.status = body.status
  if (body.tags !== undefined) patch.tags = [...new Map(body.tags.map((t) => [t.toLowerCase(), t])).values()]
  return patch
}

const touchesSchedule = (b: EventBody) => b.start !== undefined || b.end !== undefined || b.timezone !== undefined || b.allDay !== undefined || b.rrule !== undefined

/**
 * Creates an event: its app fields in the index first (so a concurrent sync knows the UID is the app's),
 * then its VEVENT in the association calendar; the index then follows what was written.
 * @throws ValidationError; Forbidden when the account may not write the association calendar
 */
export async function createEvent(env: EventsEnv, body: CreateBody, opts: { origin?: StoredEvent; picture?: string | null } = {}): Promise<StoredEvent> {
  const schedule = resolveSchedule(body, null, env.settings.timezone)
  const app = appFieldsOf(body, null)
  const now = env.clock()
  const uid = randomUUID()
  const fields: CalendarFields = {
    uid, title: body.title, descriptionHtml: '', descriptionText: '', address: null, status: 'confirmed', tags: [],
    ...calendarPatchOf(body, schedule), ...schedule,
  }
  const e: StoredEvent = {
    ...fields, ...app, picture: opts.picture ?? null, id: newEventId(), resource: `${uid}.ics`, etag: null, ics: null, origin: 'app', adopted: true,
    createdBy: env.settings.actor, createdAt: now.toISOString(), updatedAt: now.toISOString(),
  }
  env.repo.transaction(() => env.repo.insert(e))
  try {
    const ics = newEventIcs(fields, extrasOf(env, e), now)
    const etag = await env.calendar.create(e.resource!, ics)
    applyObject(env, { name: e.resource!, etag, ics })
  } catch (err) {
    env.repo.transaction(() => env.repo.delete(e.id))
    throw err
  }
  return env.repo.byId(e.id)!
}

/**
 * Changes an event. Calendar fields are applied onto the calendar's latest version (a phone's concurrent
 * edit of other fields is kept); what only the app knows is saved in the index.
 * @throws NotFound; ValidationError; Conflict
 */
export async function updateEvent(env: EventsEnv, id: string, body: EventBody): Promise<StoredEvent> {
  const current = requireEvent(env, id)
  const schedule = touchesSchedule(body) ? resolveSchedule(body, current, env.settings.timezone) : null
  const app = appFieldsOf(body, current)
  const patch = calendarPatchOf(body, schedule)
  const extrasChanged = app.onlineUrl !== current.onlineUrl || app.category !== current.category
  if (Object.keys(patch).length > 0 || extrasChanged) {
    await rewriteObject(env, current, (ics) => {
      const fresh = readEvent(ics, current.timezone) ?? calendarFieldsOf(current)
      return updateEventIcs(ics, { ...fresh, ...patch }, extrasOf(env, { id, ...app }), env.clock())
    })
  }
  return saveAppFields(env, id, app)
}

/** Saves what only the app knows over the latest index row. */
export function saveAppFields(env: EventsEnv, id: string, app: Partial<AppFields> & { adopted?: boolean }): StoredEvent {
  return env.repo.transaction(() => {
    const latest = requireEvent(env, id)
    const next = { ...latest, ...app, updatedAt: env.clock().toISOString() }
    env.repo.update(next)
    env.repo.bumpVersion()
    return next
  })
}

/** Cancels an event: STATUS:CANCELLED on the VEVENT, which stays so calendars and feeds show the cancellation. */
export async function cancelEvent(env: EventsEnv, id: string): Promise<StoredEvent> {
  return updateEvent(env, id, { status: 'cancelled' })
}

/**
 * Publishes an event in the app: a calendar-only event (from a phone) becomes one of the app's, a draft
 * stops being one; `publishAt` schedules it.
 */
export function publishEvent(env: EventsEnv, id: string, opts: { publishAt?: string | null; visibility?: AppFields['visibility'] }): StoredEvent {
  const current = requireEvent(env, id)
  return saveAppFields(env, id, {
    adopted: true, draft: false,
    publishAt: opts.publishAt === undefined ? current.publishAt : opts.publishAt === null ? null : new Date(opts.publishAt).toISOString(),
    ...(opts.visibility ? { visibility: opts.visibility } : {}),
  })
}

/** A copy of an event as a new draft (new UID, same details and questions, new times if given). */
export async function duplicateEvent(env: EventsEnv, id: string, over: { start?: string; end?: string; title?: string }): Promise<StoredEvent> {
  const e = requireEvent(env, id)
  const times = over.start !== undefined ? resolveSchedule({ start: over.start, end: over.end }, e, env.settings.timezone) : e
  return createEvent(env, bodyOf({ ...e, ...times, title: over.title ?? e.title, status: e.status === 'cancelled' ? 'confirmed' : e.status }, { draft: true }), { picture: e.picture })
}

/** An event as a create body (times as instants or inclusive dates). */
export function bodyOf(e: StoredEvent, over: Partial<CreateBody> = {}): CreateBody {
  const times = e.allDay
    ? { start: isoDay(e.start, e.timezone), end: isoDay(e.end - 1, e.timezone) }
    : { start: new Date(e.start).toISOString(), end: new Date(e.end).toISOString() }
  return {
    title: e.title, description: e.descriptionHtml, ...times, timezone: e.timezone, allDay: e.allDay, rrule: e.rrule, address: e.address,
    onlineUrl: e.onlineUrl, tags: e.tags, category: e.category, status: e.status, visibility: e.visibility, draft: e.draft, publishAt: e.publishAt,
    organiserContact: e.organiserContact, capacity: e.capacity, joinMode: e.joinMode, externalUrl: e.externalUrl,
    questions: e.questions.map((q) => ({ ...q })), accessibility: e.accessibility, ...over,
  }
}

const isoDay = (utc: number, zone: string): string => formatDate(utcToWall(zone, utc))

/** Deletes an event: its VEVENT leaves the calendar (to the calendar's trash), the index forgets it. */
export async function deleteEvent(env: EventsEnv, id: string): Promise<void> {
  const e = requireEvent(env, id)
  if (e.resource && e.ics) await env.calendar.remove(e.resource)
  env.repo.transaction(() => {
    env.repo.delete(id)
    env.repo.bumpVersion()
  })
  if (e.picture && !env.repo.pictureInUse(e.picture, id)) await env.pictures.remove(e.picture).catch(() => undefined)
}
