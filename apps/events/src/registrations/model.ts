/** Sign-ups to events: what the registrations domain stores and hands to pages and organisers. */

/**
 * unconfirmed: the e-mail link was not opened yet; pending: waits for an organiser (approval mode);
 * confirmed: holds a seat; waiting: on the waiting list; cancelled: by the person; refused: by an organiser.
 */
export type RegistrationStatus = 'unconfirmed' | 'pending' | 'confirmed' | 'waiting' | 'cancelled' | 'refused'

export type Language = 'fr' | 'en'

export type Answers = Record<string, string | boolean>

export interface Registration {
  id: string
  eventId: string
  eventUid: string
  /** ISO instant of the occurrence the person signed up to. */
  occurrenceStart: string
  occurrenceEnd: string
  status: RegistrationStatus
  /** Null once the retention purge ran. */
  name: string | null
  email: string | null
  /** Set when a member of the space signed up with their account. */
  accountUsername: string | null
  answers: Answers
  language: Language
  createdAt: string
  emailConfirmedAt: string | null
  queuedAt: string | null
  seatedAt: string | null
  cancelledAt: string | null
  remindedAt: string | null
  purgedAt: string | null
}

export type RegistrationCounts = Record<RegistrationStatus, number>

export const EMPTY_COUNTS: RegistrationCounts = Object.freeze({
  unconfirmed: 0, pending: 0, confirmed: 0, waiting: 0, cancelled: 0, refused: 0,
})

/** An organiser's message to every participant of an event. */
export interface ParticipantMessage {
  id: string
  eventId: string
  subject: string
  body: string
  recipients: number
  createdBy: string
  createdAt: string
}
