import { Forbidden, PayloadTooLarge } from '@maison/errors'

/** CalDAV (RFC 4791) and WebDAV (RFC 4918) precondition names this library can report. */
export type CalDavPrecondition =
  | 'valid-calendar-data'
  | 'valid-calendar-object-resource'
  | 'supported-calendar-component'
  | 'max-resource-size'
  | 'valid-filter'
  | 'supported-filter'
  | 'supported-collation'
  | 'number-of-matches-within-limits'

export interface PreconditionInfo {
  /** `DAV:` for RFC 4918 elements, `CALDAV:` (urn:ietf:params:xml:ns:caldav) otherwise. */
  namespace: 'DAV:' | 'urn:ietf:params:xml:ns:caldav'
  name: CalDavPrecondition
}

const CALDAV = 'urn:ietf:params:xml:ns:caldav'

/** Calendar data or a filter that violates a CalDAV precondition; the DAV layer answers 403 with the element. */
export class CalendarPreconditionError extends Forbidden {
  override readonly code: string
  readonly precondition: PreconditionInfo

  constructor(name: CalDavPrecondition, message: string, opts: { cause?: unknown } = {}) {
    super(message, opts)
    this.code = name.replaceAll('-', '_')
    this.precondition = { namespace: name === 'number-of-matches-within-limits' ? 'DAV:' : CALDAV, name }
  }
}

/** The object exceeds the size limit (CALDAV:max-resource-size); HTTP 413. */
export class CalendarTooLargeError extends PayloadTooLarge {
  override readonly code = 'max_resource_size'
  readonly precondition: PreconditionInfo = { namespace: CALDAV, name: 'max-resource-size' }
}

/**
 * Recurrence expansion went past its instance or time budget. The caller answers 403 with
 * DAV:number-of-matches-within-limits, or truncates, rather than let a worker spin.
 */
export class TooManyInstancesError extends CalendarPreconditionError {
  constructor(message: string) {
    super('number-of-matches-within-limits', message)
  }
}

/** Shorthand for the most frequent failure. */
export function invalidData(message: string, cause?: unknown): CalendarPreconditionError {
  return new CalendarPreconditionError('valid-calendar-data', message, { cause })
}

/** Shorthand for a structurally wrong calendar object resource (RFC 4791 §4.1). */
export function invalidObject(message: string): CalendarPreconditionError {
  return new CalendarPreconditionError('valid-calendar-object-resource', message)
}
