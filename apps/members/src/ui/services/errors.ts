import { problemMessage, t } from '@maison/ui-shell'

/** The sentence to show for a failed API call: the API's own, else the members app's by status. */
export function apiErrorMessage(error: unknown): string {
  return problemMessage(error, {
    offline: t('members', 'The server could not be reached. Check your connection and try again.'),
    forbidden: t('members', 'You are not allowed to do this.'),
    other: t('members', 'Something went wrong. Please try again.'),
  })
}
