/** The owner name of the association calendar, like files' `_association`. */
export const ASSOCIATION_OWNER = '_association'
/** URL segment of the association calendar in every account's home. */
export const ASSOCIATION_URI = 'association'
/** Segment that marks a calendar shared by someone else in a sharee's home: `{uri}_shared_by_{owner}`. */
export const SHARED_MARK = '_shared_by_'

export type Access = 'none' | 'read' | 'read-write'
export type ComponentName = 'VEVENT' | 'VTODO'

export interface Calendar {
  id: number
  owner: string
  uri: string
  displayName: string
  description: string | null
  color: string | null
  order: number | null
  /** VTIMEZONE text set by calendar-timezone. */
  timezone: string | null
  /** IANA zone floating times and dates are read in. */
  tzid: string
  components: ComponentName[]
  deadProps: Record<string, string>
  syncSeq: number
  logFloor: number
  publicToken: string | null
  createdAt: number
  updatedAt: number
  deletedAt: number | null
}

/** Stored object without its text (listing, index). */
export interface ObjectMeta {
  id: number
  calendarId: number
  uri: string
  uid: string
  component: string
  firstStart: number | null
  lastEnd: number | null
  etag: string
  size: number
  createdAt: number
  updatedAt: number
  deletedAt: number | null
}

export interface StoredObject extends ObjectMeta {
  data: string
}

export interface NewObject {
  uri: string
  uid: string
  component: string
  firstStart: number | null
  lastEnd: number | null
  etag: string
  data: string
}

export interface CalendarShare {
  calendarId: number
  kind: 'user' | 'group'
  principal: string
  access: Access
}

export interface Change {
  seq: number
  uri: string
  op: 'changed' | 'removed'
}

/** Settable properties of a calendar (PROPPATCH, MKCALENDAR, the JSON API). */
export interface CalendarPatch {
  displayName?: string
  description?: string | null
  color?: string | null
  order?: number | null
  timezone?: string | null
  components?: ComponentName[]
  /** IANA zone derived from `timezone`; objects are re-indexed when it changes. */
  tzid?: string
  deadProps?: Record<string, string | null>
}

/** Who acts: the account and what the space knows of it. */
export interface CalendarActor {
  username: string
  role: 'admin' | 'member'
  groups: readonly string[]
}

/** A calendar as one account reaches it: under which segment of its home, and with what rights. */
export interface CalendarView {
  calendar: Calendar
  /** Segment in the actor's home (`work`, `association`, `work_shared_by_bob`). */
  segment: string
  access: Exclude<Access, 'none'>
  /** True for the owner (and admins on the association calendar): may change properties, share, delete. */
  manage: boolean
}
