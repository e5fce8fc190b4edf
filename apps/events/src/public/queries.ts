import type { SpaceContext } from '@maison/app-contract'
import type { EventRecord, Occurrence } from '../domain/model.ts'
import type { EventsReader } from '../domain/reader.ts'
import { listed, pageVisible, type Viewer } from './visibility.ts'

const YEAR_MS = 365 * 24 * 3600 * 1000

/** Upcoming occurrences a viewer may see in lists (members also see members-only events). */
export function upcoming(reader: EventsReader, space: SpaceContext, viewer: Viewer, now: Date, opts: { tag?: string; limit?: number; includeCancelled?: boolean } = {}): Occurrence[] {
  const found = reader.occurrences(space, {
    from: now, tag: opts.tag, publicOnly: !viewer.member, includeCancelled: opts.includeCancelled ?? true, limit: opts.limit ?? 100, order: 'asc',
  })
  return found.filter((o) => listed(o.event, viewer, now) && (!opts.tag || o.event.tags.includes(opts.tag)))
}

/** The last year's past occurrences, newest first. */
export function past(reader: EventsReader, space: SpaceContext, viewer: Viewer, now: Date, limit = 20): Occurrence[] {
  const found = reader.occurrences(space, {
    from: new Date(now.getTime() - YEAR_MS), to: now, publicOnly: !viewer.member, includeCancelled: true, limit: limit * 2, order: 'desc',
  })
  return found.filter((o) => listed(o.event, viewer, now) && Date.parse(o.end) <= now.getTime()).slice(0, limit)
}

/** An event whose page this viewer may open, or null (drafts, scheduled, members-only for strangers: as if absent). */
export function visibleEvent(reader: EventsReader, space: SpaceContext, id: string, viewer: Viewer, now: Date): EventRecord | null {
  const event = reader.get(space, id)
  return event && pageVisible(event, viewer, now) ? event : null
}

/** The event's coming occurrences (the first one alone for a single event), cancelled ones included. */
export function occurrencesOf(reader: EventsReader, space: SpaceContext, event: EventRecord, now: Date, limit = 12): Occurrence[] {
  if (!event.rrule) {
    return [{ event, start: event.start, end: event.end, recurrenceId: null, status: event.status }]
  }
  const found = reader.occurrences(space, { from: now, publicOnly: false, includeCancelled: true, limit: 1000, order: 'asc' })
  const mine = found.filter((o) => o.event.id === event.id).slice(0, limit)
  return mine.length ? mine : [{ event, start: event.start, end: event.end, recurrenceId: null, status: event.status }]
}
