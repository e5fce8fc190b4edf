import { Conflict, Gone, NotFound } from '@maison/errors'

/** Sign-up refused because the event (or this occurrence) was cancelled. */
export class EventCancelled extends Gone {
  override readonly code = 'event_cancelled'
}

/** Sign-up refused because the occurrence already started. */
export class EventPast extends Gone {
  override readonly code = 'event_past'
}

/** The event takes no sign-ups here (none, or on another site). */
export class SignUpClosed extends Conflict {
  override readonly code = 'signup_closed'
}

/** A personal link that is malformed, forged or points at nothing. */
export class LinkInvalid extends NotFound {
  override readonly code = 'link_invalid'
}
