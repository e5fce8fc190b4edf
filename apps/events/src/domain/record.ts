import type { EventRecord } from './model.ts'
import type { StoredEvent } from './repository.ts'

/** The URL the public side serves an event's picture at (the file name makes it change with the picture). */
export function pictureUrl(baseUrl: string, e: Pick<StoredEvent, 'id' | 'picture'>): string | null {
  return e.picture ? `${baseUrl}/p/events/${encodeURIComponent(e.id)}/picture?v=${encodeURIComponent(e.picture.replace(/\.[a-z]+$/, ''))}` : null
}

/** The shared model of an event (what the public side and sign-ups read). */
export function toEventRecord(e: StoredEvent, baseUrl: string): EventRecord {
  return {
    id: e.id, uid: e.uid, title: e.title, descriptionHtml: e.descriptionHtml, descriptionText: e.descriptionText,
    start: new Date(e.start).toISOString(), end: new Date(e.end).toISOString(), timezone: e.timezone, allDay: e.allDay, rrule: e.rrule,
    address: e.address, onlineUrl: e.onlineUrl, pictureUrl: pictureUrl(baseUrl, e), tags: e.tags, category: e.category, status: e.status,
    visibility: e.visibility,
    // An event found in the calendar stays off public pages until an organiser publishes it in the app.
    draft: e.draft || !e.adopted,
    publishAt: e.publishAt, organiserContact: e.organiserContact, capacity: e.capacity, joinMode: e.joinMode, externalUrl: e.externalUrl,
    questions: e.questions, accessibility: e.accessibility, createdBy: e.createdBy, createdAt: e.createdAt, updatedAt: e.updatedAt,
    calendarOnly: !e.adopted,
  }
}
