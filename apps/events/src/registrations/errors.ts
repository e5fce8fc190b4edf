import { Conflict, Gone, NotFound, withCode } from '@maison/errors'

/** Sign-up refused because the event (or this occurrence) was cancelled. */
export class EventCancelled extends withCode(Gone, 'event_cancelled') {}

/** Sign-up refused because the occurrence already started. */
export class EventPast extends withCode(Gone, 'event_past') {}

/** The event takes no sign-ups here (none, or on another site). */
export class SignUpClosed extends withCode(Conflict, 'signup_closed') {}

/** A personal link that is malformed, forged or points at nothing. */
export class LinkInvalid extends withCode(NotFound, 'link_invalid') {}
