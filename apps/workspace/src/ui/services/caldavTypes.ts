/** A calendar as the calendars API returns it (apps/workspace/API.md, "Calendars"). */
export interface CalendarInfo {
  id: number
  uri: string
  displayName: string
  color: string | null
  access: 'read' | 'read-write'
  manage: boolean
  owner: string
  association: boolean
  davUrl: string
}

export type Repeat = 'none' | 'daily' | 'weekly' | 'monthly' | 'custom'

/** What the event form edits. Times are wall-clock in `timezone`: 'YYYY-MM-DDTHH:mm', or 'YYYY-MM-DD' when all-day (end inclusive). */
export interface EventDraft {
  title: string
  allDay: boolean
  start: string
  end: string
  timezone: string
  location: string
  description: string
  repeat: Repeat
  /** Minutes before the start; null for no reminder. */
  reminder: number | null
}

/** One displayed occurrence from an expanded calendar-query. */
export interface Occurrence {
  calendarId: number
  href: string
  etag: string
  uid: string
  /** RECURRENCE-ID as the server expanded it (UTC date-time or date), null for a single event. */
  recurrenceId: string | null
  title: string
  allDay: boolean
  /** ISO instant, or 'YYYY-MM-DD' when all-day. */
  start: string
  /** Exclusive end, same form as start. */
  end: string
  location: string
}

/** Which occurrences an edit or a deletion of a recurring event touches. */
export type Scope = 'only' | 'following' | 'all'

/** One calendar object resource as stored. */
export interface StoredObject {
  href: string
  etag: string
  ics: string
}
