import type { CalendarFields, MaterialisedOccurrence } from './calendar.ts'
import type { EventAppFields } from './model.ts'

/** What only the app knows about an event (its tables, keyed by the VEVENT's UID). */
export interface AppFields extends EventAppFields {
  /** File name in the association folder's `Events/`, or null. */
  picture: string | null
}

/** An event as the index holds it: the VEVENT's fields as last synced, the app's own, and where the VEVENT lives. */
export interface StoredEvent extends CalendarFields, AppFields {
  id: string
  resource: string | null
  etag: string | null
  ics: string | null
  origin: 'app' | 'calendar'
  /** False for an event found in the calendar that no organiser has published in the app yet. */
  adopted: boolean
  createdBy: string
  createdAt: string
  updatedAt: string
}

export interface EventListFilter {
  /** Events with an occurrence ending after this instant (UTC ms). */
  from?: number
  /** Events with an occurrence starting before this instant. */
  to?: number
  tag?: string
  limit: number
  offset: number
}

/** The events index of one space. */
export interface EventsRepository {
  transaction<T>(fn: () => T): T
  byId(id: string): StoredEvent | null
  byUid(uid: string): StoredEvent | null
  byResource(resource: string): StoredEvent | null
  list(filter: EventListFilter): { total: number; items: StoredEvent[] }
  insert(e: StoredEvent): void
  update(e: StoredEvent): void
  delete(id: string): void
  setOccurrences(id: string, occurrences: readonly MaterialisedOccurrence[], expandedUntil: number): void
  occurrencesOf(id: string): MaterialisedOccurrence[]
  /** ETag of every event's object resource, by resource name. */
  etags(): Map<string, string>
  /** Events whose occurrences stop before `before` while their rule goes on (UTC ms). */
  needingExpansion(before: number): StoredEvent[]
  syncToken(): string | null
  setSyncToken(token: string | null, at: Date): void
  /** Marks a change visible to public pages and feeds (their ETags). */
  bumpVersion(): void
  siteHtml(): string
  setSiteHtml(html: string): void
  tags(): { tag: string; count: number }[]
  /** Whether an event other than `exceptId` shows this picture file (a split series or a duplicate shares it). */
  pictureInUse(name: string, exceptId: string): boolean
}
