// Type-only imports: the server's model is the wire shape wherever the API sends it as is.
import type { EventRecord, EventStatus, SignUpQuestion } from '../../domain/model.ts'
import type { Registration as StoredRegistration, RegistrationStatus } from '../../registrations/model.ts'

export type { EventStatus, JoinMode, Visibility } from '../../domain/model.ts'
export type { RegistrationStatus } from '../../registrations/model.ts'

/** A sign-up question; one being written in the form has no id until the server gives it one. */
export type Question = Omit<SignUpQuestion, 'id'> & { id?: string }

/** An occurrence as the API answers it (`id` names it in occurrence URLs). */
export interface Occurrence {
  id: string
  start: string
  end: string
  recurrenceId: string | null
  status: EventStatus
}

/** An event as the API answers it: the shared record, its public URL and the values to edit it with. */
export interface EventItem extends EventRecord {
  url: string
  calendarOnly: boolean
  /** Start and end as the form shows them: wall times in the event's zone, or inclusive dates for all-day events. */
  local: { start: string; end: string }
  occurrences?: Occurrence[]
}

/** The fields of a record an organiser edits, as the form sends them (POST / PATCH). */
type EditedFields = 'title' | 'start' | 'end' | 'timezone' | 'allDay' | 'rrule' | 'address' | 'onlineUrl' | 'tags' | 'category' | 'status'
  | 'visibility' | 'draft' | 'publishAt' | 'organiserContact' | 'capacity' | 'joinMode' | 'externalUrl' | 'accessibility'

/** What the form sends (POST / PATCH): the record's own fields, the description as the organiser wrote it. */
export type EventInput = Pick<EventRecord, EditedFields> & { description: string; questions: Question[] }

/** A sign-up as organisers see it (the API's participants list). */
export type Registration = Pick<StoredRegistration, 'id' | 'occurrenceStart' | 'status' | 'name' | 'email' | 'accountUsername' | 'answers' | 'createdAt'>

/** The participants of an event, by status. */
export type Registrations = Record<RegistrationStatus, Registration[]>
