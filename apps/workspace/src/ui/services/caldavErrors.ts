import { t } from '@maison/ui-shell'

/** Input the calendar cannot accept, with a sentence for the user. */
export class Validation extends Error {}

/** An HTTP status from a failed CalDAV or API call, 0 for network errors. */
export function caldavStatus(error: unknown): number {
  const e = error as { status?: number; response?: { status?: number } }
  return e?.status ?? e?.response?.status ?? 0
}

/** A sentence for a failed calendar operation. */
export function caldavErrorMessage(error: unknown): string {
  if (error instanceof Validation) return error.message
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
