import { t, problemOf } from '@maison/ui-shell'

/** The API's own sentence (problem+json detail) when there is one, else a generic one by status. */
export function apiErrorMessage(error: unknown): string {
  const p = problemOf(error)
  if (p.detail) return p.detail
  if (p.status === 0) return t('maison', 'The server could not be reached. Check your connection and try again.')
  if (p.status === 403) return t('maison', 'You are not allowed to do this.')
  return t('maison', 'Something went wrong. Please try again.')
}
