import { Conflict } from '@maison/errors'
import type { EventStatus } from './model.ts'

/** What the VEVENT says: the association calendar is the source of truth for these fields. */
export interface CalendarFields {
  uid: string
  title: string
  descriptionHtml: string
  descriptionText: string
  /** UTC ms of the series' first start and end. */
  start: number
  end: number
  timezone: string
  allDay: boolean
  rrule: string | null
  address: string | null
  status: EventStatus
  tags: string[]
}

/** What the app also writes into the VEVENT for members' calendar clients (not read back). */
export interface CalendarExtras {
  publicUrl: string | null
  onlineUrl: string | null
  category: string | null
}

/** One object resource of the association calendar. `name` is the last path segment, e.g. `abc.ics`. */
export interface StoredObject {
  name: string
  etag: string
  ics: string
}

export interface CalendarChanges {
  changed: { name: string; etag: string | null }[]
  removed: string[]
  token: string
}

/**
 * The association calendar as the events domain sees it (implemented over CalDAV). Errors are @maison/errors
 * classes; a changed object is a Conflict (`edit_conflict`).
 */
export interface EventCalendar {
  read(name: string): Promise<StoredObject | null>
  /** Creates a new object; answers its ETag. */
  create(name: string, ics: string): Promise<string>
  /** Replaces the version `etag`; answers the new ETag. */
  replace(name: string, ics: string, etag: string): Promise<string>
  remove(name: string, etag?: string): Promise<void>
  /** Changes since `token` (null: everything). Throws `InvalidSyncToken` when the token is no longer valid. */
  changes(token: string | null): Promise<CalendarChanges>
  fetch(names: readonly string[]): Promise<StoredObject[]>
}

/** The calendar no longer knows the sync token: start over from an empty token. */
export class InvalidSyncToken extends Conflict {
  override readonly code: string = 'invalid_sync_token'
}

/** One materialised occurrence, UTC ms; `recurrenceId` null for a single event. */
export interface MaterialisedOccurrence {
  start: number
  end: number
  recurrenceId: number | null
  status: EventStatus
}
