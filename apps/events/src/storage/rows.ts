import type { StoredEvent } from '../domain/repository.ts'

/** A row of events_events as better-sqlite3 returns it. */
export interface EventRow {
  id: string
  uid: string
  resource: string | null
  etag: string | null
  ics: string | null
  origin: 'app' | 'calendar'
  adopted: number
  title: string
  description_html: string
  description_text: string
  start_at: string
  end_at: string
  timezone: string
  all_day: number
  rrule: string | null
  address: string | null
  status: StoredEvent['status']
  tags: string
  category: string | null
  online_url: string | null
  picture: string | null
  visibility: StoredEvent['visibility']
  draft: number
  publish_at: string | null
  organiser_contact: string | null
  capacity: number | null
  join_mode: StoredEvent['joinMode']
  external_url: string | null
  questions: string
  accessibility: string | null
  created_by: string
  created_at: string
  updated_at: string
}

/** Row → domain object. */
export function fromRow(r: EventRow): StoredEvent {
  return {
    id: r.id, uid: r.uid, resource: r.resource, etag: r.etag, ics: r.ics, origin: r.origin, adopted: r.adopted === 1,
    title: r.title, descriptionHtml: r.description_html, descriptionText: r.description_text,
    start: Date.parse(r.start_at), end: Date.parse(r.end_at), timezone: r.timezone, allDay: r.all_day === 1, rrule: r.rrule,
    address: r.address, status: r.status, tags: JSON.parse(r.tags) as string[], category: r.category, onlineUrl: r.online_url,
    picture: r.picture, visibility: r.visibility, draft: r.draft === 1, publishAt: r.publish_at, organiserContact: r.organiser_contact,
    capacity: r.capacity, joinMode: r.join_mode, externalUrl: r.external_url, questions: JSON.parse(r.questions) as StoredEvent['questions'],
    accessibility: r.accessibility, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
  }
}

/** Domain object → named parameters of the insert and update statements. */
export function toParams(e: StoredEvent): Record<string, string | number | null> {
  return {
    id: e.id, uid: e.uid, resource: e.resource, etag: e.etag, ics: e.ics, origin: e.origin, adopted: e.adopted ? 1 : 0,
    title: e.title, description_html: e.descriptionHtml, description_text: e.descriptionText,
    start_at: new Date(e.start).toISOString(), end_at: new Date(e.end).toISOString(), timezone: e.timezone, all_day: e.allDay ? 1 : 0,
    rrule: e.rrule, address: e.address, status: e.status, tags: JSON.stringify(e.tags), category: e.category, online_url: e.onlineUrl,
    picture: e.picture, visibility: e.visibility, draft: e.draft ? 1 : 0, publish_at: e.publishAt, organiser_contact: e.organiserContact,
    capacity: e.capacity, join_mode: e.joinMode, external_url: e.externalUrl, questions: JSON.stringify(e.questions),
    accessibility: e.accessibility, created_by: e.createdBy, created_at: e.createdAt, updated_at: e.updatedAt,
  }
}

export const COLUMNS = Object.keys(toParams({
  id: '', uid: '', resource: null, etag: null, ics: null, origin: 'app', adopted: true, title: '', descriptionHtml: '', descriptionText: '',
  start: 0, end: 0, timezone: 'UTC', allDay: false, rrule: null, address: null, status: 'confirmed', tags: [], category: null, onlineUrl: null,
  picture: null, visibility: 'public', draft: false, publishAt: null, organiserContact: null, capacity: null, joinMode: 'free', externalUrl: null,
  questions: [], accessibility: null, createdBy: '', createdAt: '', updatedAt: '',
}))
