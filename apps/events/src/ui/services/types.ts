export type EventStatus = 'tentative' | 'confirmed' | 'cancelled'
export type Visibility = 'public' | 'unlisted' | 'members'
export type JoinMode = 'free' | 'approval' | 'external' | 'none'

export interface Question {
  id?: string
  label: string
  type: 'text' | 'longtext' | 'choice' | 'checkbox'
  required: boolean
  choices?: string[]
}

export interface Occurrence {
  id: string
  start: string
  end: string
  recurrenceId: string | null
  status: EventStatus
}

/** An event as the API answers it. */
export interface EventItem {
  id: string
  uid: string
  url: string
  title: string
  descriptionHtml: string
  descriptionText: string
  start: string
  end: string
  local: { start: string; end: string }
  timezone: string
  allDay: boolean
  rrule: string | null
  address: string | null
  onlineUrl: string | null
  pictureUrl: string | null
  tags: string[]
  category: string | null
  status: EventStatus
  visibility: Visibility
  draft: boolean
  calendarOnly: boolean
  publishAt: string | null
  organiserContact: string | null
  capacity: number | null
  joinMode: JoinMode
  externalUrl: string | null
  questions: Question[]
  accessibility: string | null
  occurrences?: Occurrence[]
}

/** What the form sends (POST / PATCH). */
export interface EventInput {
  title: string
  description: string
  start: string
  end: string
  timezone: string
  allDay: boolean
  rrule: string | null
  address: string | null
  onlineUrl: string | null
  tags: string[]
  category: string | null
  status: EventStatus
  visibility: Visibility
  draft: boolean
  publishAt: string | null
  organiserContact: string | null
  capacity: number | null
  joinMode: JoinMode
  externalUrl: string | null
  questions: Question[]
  accessibility: string | null
}

export type RegistrationStatus = 'unconfirmed' | 'pending' | 'confirmed' | 'waiting' | 'cancelled' | 'refused'

export interface Registration {
  id: string
  occurrenceStart: string
  status: RegistrationStatus
  name: string | null
  email: string | null
  accountUsername: string | null
  answers: Record<string, unknown>
  createdAt: string
}

export type Registrations = Record<'confirmed' | 'waiting' | 'pending' | 'unconfirmed' | 'cancelled' | 'refused', Registration[]>
