import { t } from '@maison/ui-shell'
import { Validation, type DraftProblem } from './caldavValidation.ts'

/** An HTTP status from a failed CalDAV or API call, 0 for network errors. */
export function caldavStatus(error: unknown): number {
  const e = error as { status?: number; response?: { status?: number } }
  return e?.status ?? e?.response?.status ?? 0
}

/** A sentence for what is wrong with the event form ('' when nothing is). */
export function draftProblemMessage(problem: DraftProblem): string {
  switch (problem) {
    case '': return ''
    case 'title': return t('maison', 'Give the event a title.')
    case 'title-length': return t('maison', 'The title is too long (255 characters at most).')
    case 'times': return t('maison', 'Enter a valid start and end.')
    case 'order': return t('maison', 'The event must end after it starts.')
    case 'zone': return t('maison', 'Choose a time zone from the list.')
  }
}

/** A sentence for a failed calendar operation. */
export function caldavErrorMessage(error: unknown): string {
  if (error instanceof Validation) {
    return error.code === 'no-master'
      ? t('maison', 'This event has no main occurrence and cannot be edited here.')
      : t('maison', 'This file is not a valid iCalendar (.ics) file.')
  }
  switch (caldavStatus(error)) {
    case 0: return t('maison', 'The server could not be reached. Check your connection and try again.')
    case 401: return t('maison', 'Your session has expired. Please log in again.')
    case 403: return t('maison', 'You may not change events in this calendar.')
    case 404: return t('maison', 'This event no longer exists.')
    case 412: return t('maison', 'Someone changed this event meanwhile. Close this window and open the event again.')
    case 413: return t('maison', 'This event is too large.')
    case 400: case 415: case 422: return t('maison', 'The server refused this event as invalid.')
    default: return t('maison', 'Something went wrong. Please try again.')
  }
}
