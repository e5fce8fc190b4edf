/**
 * The events app's shared model: what the organiser side (events, stored as VEVENTs in the association
 * calendar) hands to the public side (pages, feeds, widget, sign-ups). Append fields; never rename.
 */

export type EventStatus = 'tentative' | 'confirmed' | 'cancelled'
/** public: listed everywhere; unlisted: reachable by its link only; members: only for the space's accounts. */
export type Visibility = 'public' | 'unlisted' | 'members'
/** free: anyone signs up; approval: organisers accept each sign-up; external: sign-up happens elsewhere; none: no sign-up. */
export type JoinMode = 'free' | 'approval' | 'external' | 'none'

export interface SignUpQuestion {
  id: string
  label: string
  type: 'text' | 'longtext' | 'choice' | 'checkbox'
  required: boolean
  /** For 'choice'. */
  choices?: string[]
}

/**
 * What only the app knows about an event (the VEVENT holds the rest): the app's tables store these,
 * and every record carries them.
 */
export interface EventAppFields {
  category: string | null
  onlineUrl: string | null
  visibility: Visibility
  /** A draft is never shown publicly. */
  draft: boolean
  /** Scheduled publication (ISO instant): hidden publicly before it. Null: published when not a draft. */
  publishAt: string | null
  organiserContact: string | null
  /** Null: no limit. */
  capacity: number | null
  joinMode: JoinMode
  externalUrl: string | null
  questions: SignUpQuestion[]
  accessibility: string | null
}

export interface EventRecord extends EventAppFields {
  /** The app's id, used in URLs (`/p/events/{id}`). */
  id: string
  /** UID of the VEVENT in the association calendar. */
  uid: string
  title: string
  /** Sanitised HTML, safe to embed as is. */
  descriptionHtml: string
  /** The same description as plain text (feeds, e-mails, iCalendar DESCRIPTION). */
  descriptionText: string
  /** First occurrence, ISO 8601 UTC instant (for all-day events, midnight in `timezone`). */
  start: string
  end: string
  /** IANA time zone the event was entered in, e.g. Europe/Paris. */
  timezone: string
  allDay: boolean
  /** RRULE value without the "RRULE:" prefix, or null. */
  rrule: string | null
  address: string | null
  /** Absolute URL of the picture as the public side serves it, or null. */
  pictureUrl: string | null
  tags: string[]
  status: EventStatus
  /** Username of the organiser who created it (DAV access for background work). */
  createdBy: string
  createdAt: string
  updatedAt: string
  /**
   * True for an event found in the association calendar (e.g. created on a phone) that no organiser has
   * published in the app: it is then also `draft`. Optional so builders of records may leave it out.
   */
  calendarOnly?: boolean
}

/** One occurrence of an event (a single event has exactly one). */
export interface Occurrence {
  event: EventRecord
  /** ISO instant of this occurrence's start; for a recurring event it identifies the occurrence. */
  start: string
  end: string
  /** RECURRENCE-ID as an ISO instant for an occurrence of a recurring event, else null. */
  recurrenceId: string | null
  /** Status of this occurrence (an occurrence may be cancelled alone). */
  status: EventStatus
}
