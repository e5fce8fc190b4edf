import { NotFound, BadRequest } from '@maison/errors'
import { endSeriesBefore, excludeOccurrence, overrideOccurrence, type OccurrenceChanges } from '../caldav/series.ts'
import type { EventsEnv } from './env.ts'
import { bodyOf, createEvent, updateEvent } from './events.ts'
import { fieldError, type OccurrenceBody } from './input.ts'
import type { StoredEvent } from './repository.ts'
import { resolveSchedule } from './schedule.ts'
import { formatDate, utcToWall } from './time.ts'
import { htmlToText, sanitizeRichText } from './text.ts'
import { requireEvent, rewriteObject } from './write.ts'

/** Reads an occurrence id from a URL (an ISO instant). @throws NotFound */
export function parseOccurrenceId(text: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?Z$/.test(text) ? Date.parse(text) : NaN
  if (Number.isNaN(ms)) throw new NotFound('Occurrences are named by their original start, an ISO instant such as 2026-12-01T18:00:00Z.')
  return ms
}

/** The event and one of its occurrences (by original start). @throws NotFound; BadRequest for a single event */
function occurrenceOf(env: EventsEnv, id: string, rid: number): { e: StoredEvent; occurrence: { start: number; end: number } } {
  const e = requireEvent(env, id)
  if (!e.rrule) throw new BadRequest('This event does not repeat; edit the event itself.')
  const occurrence = env.repo.occurrencesOf(id).find((o) => (o.recurrenceId ?? o.start) === rid)
  if (!occurrence) throw new NotFound(`No occurrence of this event starts at ${new Date(rid).toISOString()}.`)
  return { e, occurrence }
}

/** Changes to one occurrence, its times resolved in the event's zone. @throws ValidationError */
function changesOf(e: StoredEvent, occurrence: { start: number; end: number }, body: OccurrenceBody): OccurrenceChanges {
  const changes: OccurrenceChanges = {}
  if (body.title !== undefined) changes.title = body.title
  if (body.description !== undefined) {
    changes.descriptionHtml = sanitizeRichText(body.description)
    changes.descriptionText = htmlToText(changes.descriptionHtml)
  }
  if (body.address !== undefined) changes.address = body.address
  if (body.status !== undefined) changes.status = body.status
  if (body.start !== undefined || body.end !== undefined) {
    const s = resolveSchedule({ start: body.start, end: body.end }, { ...e, rrule: null, start: occurrence.start, end: occurrence.end }, e.timezone)
    changes.start = s.start
    changes.end = s.end
  }
  return changes
}

/**
 * Edits one occurrence of a recurring event. `this`: an override (RECURRENCE-ID) of that occurrence only.
 * `following`: the series ends before it (UNTIL) and a new series starts there with the changes; answers the new event.
 * @throws NotFound; ValidationError; Conflict
 */
export async function editOccurrence(env: EventsEnv, id: string, rid: number, body: OccurrenceBody): Promise<StoredEvent> {
  const { e, occurrence } = occurrenceOf(env, id, rid)
  if (body.scope === 'this') {
    const changes = changesOf(e, occurrence, body)
    await rewriteObject(env, e, (ics) => overrideOccurrence(ics, rid, changes, env.clock()))
    return requireEvent(env, id)
  }
  if (rid === e.start) {
    const { scope: _scope, ...rest } = body
    return updateEvent(env, id, rest)
  }
  const changes = changesOf(e, occurrence, body)
  const start = changes.start ?? rid
  const end = changes.end ?? start + (e.end - e.start)
  // The new series first: if ending the old one then fails, the new one is removed and nothing changed.
  // COUNT counts every instance the rule makes, EXDATEd ones too: walk the rule rather than the index.
  const remaining = e.ics ? endSeriesBefore(e.ics, rid, env.clock()).remainingCount : null
  const rrule = remaining !== null ? e.rrule!.replace(/COUNT=\d+/, `COUNT=${remaining}`) : e.rrule
  const times = e.allDay
    ? { start: formatDate(utcToWall(e.timezone, start)), end: formatDate(utcToWall(e.timezone, end - 1)) }
    : { start: new Date(start).toISOString(), end: new Date(end).toISOString() }
  const next = await createEvent(env, bodyOf(e, {
    ...times, rrule,
    ...(changes.title !== undefined ? { title: changes.title } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(changes.address !== undefined ? { address: changes.address } : {}),
    ...(changes.status !== undefined ? { status: changes.status } : {}),
  }), { picture: e.picture })
  try {
    await rewriteObject(env, e, (ics) => endSeriesBefore(ics, rid, env.clock()).ics)
  } catch (err) {
    await env.calendar.remove(next.resource!).catch(() => undefined)
    env.repo.transaction(() => env.repo.delete(next.id))
    throw err
  }
  return next
}

/** Cancels one occurrence (an override with STATUS:CANCELLED): calendars and feeds show it cancelled. */
export async function cancelOccurrence(env: EventsEnv, id: string, rid: number): Promise<StoredEvent> {
  const { e } = occurrenceOf(env, id, rid)
  await rewriteObject(env, e, (ics) => overrideOccurrence(ics, rid, { status: 'cancelled' }, env.clock()))
  return requireEvent(env, id)
}

/** Removes one occurrence from the series (EXDATE). */
export async function deleteOccurrence(env: EventsEnv, id: string, rid: number): Promise<StoredEvent> {
  const { e } = occurrenceOf(env, id, rid)
  if (env.repo.occurrencesOf(id).length <= 1) throw fieldError('occurrence', 'this is the only occurrence left; delete the event instead')
  await rewriteObject(env, e, (ics) => excludeOccurrence(ics, rid, env.clock()))
  return requireEvent(env, id)
}
