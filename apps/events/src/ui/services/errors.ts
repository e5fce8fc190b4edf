import { problemMessage, t } from '@maison/ui-shell'

/** The sentence to show for a failed API call: the API's own, else the events app's by status. */
export function apiErrorMessage(error: unknown): string {
  return problemMessage(error, {
    offline: t('events', 'The server could not be reached. Check your connection and try again.'),
    forbidden: t('events', 'Only the space admins manage events.'),
    other: t('events', 'Something went wrong. Please try again.'),
  })
}
